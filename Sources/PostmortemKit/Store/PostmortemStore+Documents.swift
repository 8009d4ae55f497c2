import Foundation
import Git

extension PostmortemStore {
    /// Parses a stored file with this repository's settings (time zone).
    public func parse(_ file: PostmortemFile) -> Postmortem {
        PostmortemParser.parse(bytes: file.bytes, path: file.path, timeZone: configuration.timeZone)
    }

    /// Every postmortem at `source`, parsed.
    public func postmortems(at source: Source = .workingTree) throws -> [Postmortem] {
        try files(at: source).map(parse)
    }

    /// The template for new postmortems: `pm.template`, else `.pm/template.md`, else the built-in one. A template
    /// reached through a symbolic link that leads outside the repository is refused.
    public func templateText() throws -> String {
        guard let root = repository.workingDirectory else { return DefaultTemplate.text }
        let path = configuration.templatePath ?? ".pm/template.md"
        guard FileManager.default.fileExists(atPath: root + "/" + path) else {
            if let configured = configuration.templatePath {
                throw StoreError(.failure, "the template '\(configured)' named by pm.template in .pmconfig does not exist")
            }
            return DefaultTemplate.text
        }
        guard PostmortemStore.isInside(root: root, path: root + "/" + path) else {
            throw StoreError(
                .refused, "the template \(path) leads outside the repository through a symbolic link; pm will not read it")
        }
        // A committed link (`.pm -> .git`) would otherwise turn git's own files into a postmortem template.
        if let real = PostmortemStore.resolvedPath(root + "/" + path),
            let gitFolder = [repository.gitDirectory, repository.commonDirectory].compactMap({ PostmortemStore.resolvedPath($0) })
                .first(where: { real.hasPrefix($0 + "/") })
        {
            throw StoreError(
                .refused,
                "the template \(path) leads into the git folder (\(gitFolder)) through a symbolic link; pm will not read it. Replace the link with a file"
            )
        }
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
            throw StoreError(.failure, "the template \(path) cannot be read (check its permissions)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// True when `path`, with every symbolic link resolved, is inside `root` (also resolved).
    static func isInside(root: String, path: String) -> Bool {
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let realPath = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return realPath.hasPrefix(realRoot + "/")
    }
}
