import Foundation
import Git

extension PostmortemStore {
    /// Refuses a postmortem folder (`pm.directory`, or its default) or a configured template (`pm.template`) whose
    /// real path, once symbolic links are resolved, is inside the git folder or outside the working tree.
    ///
    /// The names in `.pmconfig` are checked when it is read; a link committed to the repository (`docs -> .git`)
    /// can still lead anywhere, and pm would then list, rewrite or create files in `.git` (its config, its hooks).
    static func checkConfiguredPaths(_ configuration: Configuration, in repository: Repository) throws {
        guard let root = repository.workingDirectory, let realRoot = resolvedPath(root) else { return }
        let gitFolders = Set([repository.gitDirectory, repository.commonDirectory].compactMap { resolvedPath($0) })
        let configured = configuration.keyLines["pm.directory"] != nil
        try check(
            configuration.directory, key: "pm.directory", line: configuration.keyLines["pm.directory"],
            subject: configured
                ? "pm.directory '\(configuration.directory)'"
                : "the postmortem folder '\(configuration.directory)' (the default of pm.directory)",
            root: root, realRoot: realRoot, gitFolders: gitFolders, configuration: configuration)
        if let template = configuration.templatePath {
            try check(
                template, key: "pm.template", line: configuration.keyLines["pm.template"],
                subject: "pm.template '\(template)'", root: root, realRoot: realRoot, gitFolders: gitFolders,
                configuration: configuration)
        }
    }

    /// The refusal for `relative` (or the nearest folder above it that exists), if it leads where pm must not go.
    private static func check(
        _ relative: String, key: String, line: Int?, subject: String, root: String, realRoot: String,
        gitFolders: Set<String>, configuration: Configuration
    ) throws {
        var candidate = root + "/" + relative
        var real = resolvedPath(candidate)
        while real == nil, candidate.count > root.count {
            candidate = (candidate as NSString).deletingLastPathComponent
            real = resolvedPath(candidate)
        }
        guard let real else { return }
        let advice =
            key == "pm.directory"
            ? "Replace the link with a real folder of the working tree, or set pm.directory in .pmconfig to one"
            : "Set pm.template in .pmconfig to a file of the working tree, e.g. '.pm/template.md'"
        if let gitFolder = gitFolders.first(where: { real == $0 || real.hasPrefix($0 + "/") }) {
            let shown = gitFolder.hasPrefix(realRoot + "/") ? String(gitFolder.dropFirst(realRoot.count + 1)) : gitFolder
            throw ConfigurationError(
                message:
                    "\(subject) leads into the git folder (\(shown)) through a symbolic link; pm never reads or writes there. \(advice)",
                path: configuration.sourcePath, line: line)
        }
        guard real == realRoot || real.hasPrefix(realRoot + "/") else {
            throw ConfigurationError(
                message:
                    "\(subject) leads outside the repository through a symbolic link (to \(real)); pm will not read or write there. \(advice)",
                path: configuration.sourcePath, line: line)
        }
    }

    /// `realpath(3)`: the path with every link resolved; nil when it does not exist.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
