import Foundation
import PostmortemKit

/// `pm init`: prepares a repository for postmortems and commits that.
enum InitCommand: Command {
    static let directory = Option.value(
        "directory", name: "folder", as: .postmortemFolder, completion: .directory,
        help: "Keep postmortems in this folder (default: postmortems).")
    static let noCommit = Option.flag("no-commit", help: "Write the files but do not commit them.")
    static let noHooks = Option.flag("no-hooks", help: "Do not install pm's git hooks (see 'pm hooks').")

    static let spec = CommandSpec(
        name: "init",
        abstract: "Set up this repository for postmortems.",
        discussion: """
            Writes .pmconfig (every setting at its default, commented) and the postmortem folder with a README, \
            commits both, and installs pm's git hooks (pre-commit, pre-push), keeping any hook already there. \
            Nothing else in the working tree is touched. Safe to run again. When the folder already exists, no \
            README is written into it; when it holds Markdown that is not in pm's format yet (a collection kept \
            another way), pm reports what it found (documents, front-matter fields, headings) and the 'pm import' \
            command that converts it.
            """,
        options: [directory.spec, noCommit.spec, noHooks.spec],
        examples: ["pm init", "pm init --directory docs/incidents"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        let commit = !context[noCommit]
        let root = commit ? try store.checkWritable(for: "pm init").root : try store.requireWorkingDirectory(for: "pm init")
        let requested = context[Self.directory]
        let directory = requested ?? store.configuration.directory
        if commit {
            // Fail before writing anything when git has no identity, as the commit would.
            _ = try store.identity(for: .author, environment: context.environment)
            _ = try store.identity(for: .committer, environment: context.environment)
        }
        var written: [String] = []
        var toCommit: [String] = []
        var committed: CommitResult?
        let configPath = Configuration.fileName
        let readme = directory + "/README.md"
        let ours = [configPath: configurationText(directory: directory), readme: folderReadme]
        if FileManager.default.fileExists(atPath: root + "/" + configPath), requested != nil,
            directory != store.configuration.directory
        {
            throw CLIError(
                "\(configPath) already sets pm.directory to '\(store.configuration.directory)'; edit it there to move the folder")
        }
        // A folder pm did not create (a collection kept there before pm) gets no README of pm's.
        let folderExisted = FileManager.default.fileExists(atPath: root + "/" + directory)
        let missing = (folderExisted ? [configPath] : [configPath, readme]).filter {
            !FileManager.default.fileExists(atPath: root + "/" + $0)
        }
        if commit {
            // One commit through the write path: the files pm writes are new files of that commit (a refused commit
            // leaves none behind), and files an earlier `pm init --no-commit` wrote and nobody changed since are
            // committed as they are; never someone else's file.
            var files = missing.map { FileCommit(path: $0, content: .new(Array(ours[$0, default: ""].utf8))) }
            for path in [configPath, readme] where !missing.contains(path) {
                let current = FileManager.default.contents(atPath: root + "/" + path).map { String(decoding: $0, as: UTF8.self) }
                if current == ours[path], try store.hasUncommittedChanges(path) {
                    files.append(FileCommit(path: path, content: .workingTree))
                }
            }
            toCommit = files.map(\.path)
            if files.isEmpty {
                context.note("Already set up: \(configPath) and \(directory)/ exist. Nothing to commit.")
            } else {
                committed = try store.commit(files, message: "Set up pm for postmortems")
                written = missing
                for path in written { context.note("Wrote \(path)") }
                context.report(committed)
            }
        } else {
            try store.withWriteLock {
                for path in missing {
                    try store.writeWorkingTreeFile(path, bytes: Array(ours[path, default: ""].utf8))
                    written.append(path)
                    context.note("Wrote \(path)")
                }
            }
            if written.isEmpty { context.note("Already set up: \(configPath) and \(directory)/ exist. Nothing to do.") }
        }
        if !context[noHooks] {
            let installer = try store.hookInstaller()
            if installer.names.contains(where: { installer.state(of: $0) != .installed && installer.state(of: $0) != .chained }) {
                for outcome in try installer.install() { context.note("\(outcome.name): \(outcome.message)".terminalSafe) }
            }
        }
        let survey = try CollectionSurvey.survey(folder: directory, root: root, timeZone: store.configuration.timeZone)
        let found = survey.flatMap { $0.documents > 0 ? $0 : nil }
        if context.json {
            context.stdout.line(
                JSONOutput.document(
                    InitResult(
                        directory: directory, written: written, commit: committed?.commit.hex, found: found,
                        importCommand: found.map { _ in "pm import" }),
                    version: jsonVersion))
        } else if let found {
            report(found, in: directory, command: "pm import", to: context)
        } else if !written.isEmpty || !toCommit.isEmpty {
            context.stdout.line("Ready. Write the first postmortem with: pm new \"What happened\"")
        }
        return .success
    }

    /// What a folder that already holds Markdown contains, and how to convert it.
    static func report(_ survey: CollectionSurvey, in directory: String, command: String, to context: CommandContext) {
        let out = context.stdout
        let documents = survey.documents == 1 ? "1 Markdown document" : "\(survey.documents) Markdown documents"
        out.line("\(directory)/ already holds \(documents) not in pm's format yet.".terminalSafe)
        if survey.postmortems > 0 { out.line("  \(survey.postmortems) more already in pm's format") }
        if survey.fields.isEmpty {
            out.line("  front matter: none")
        } else {
            let fields = survey.fields.map { field -> String in
                let target: String
                switch ImportField.field(forKey: field.name) {
                case .summary?: target = ", → ## Summary"
                case let mapped? where mapped.rawValue != field.name: target = ", → \(mapped.rawValue)"
                default: target = ""
                }
                return "\(field.name) (\(field.count)\(target))"
            }
            out.line("  front matter: \(fields.joined(separator: ", "))".terminalSafe)
        }
        var shapes: [String] = []
        if survey.withoutFrontMatter > 0 { shapes.append("\(survey.withoutFrontMatter) without front matter") }
        if survey.withTOML > 0 { shapes.append("\(survey.withTOML) with TOML front matter (not supported: convert it to YAML)") }
        if survey.unreadable > 0 { shapes.append("\(survey.unreadable) with front matter pm cannot read") }
        if !shapes.isEmpty { out.line("  " + shapes.joined(separator: ", ")) }
        let headings = survey.headings.prefix(12).map { "\($0.text) (\($0.count))" }
        out.line(
            "  headings: \(headings.isEmpty ? "none" : headings.joined(separator: ", "))\(survey.headings.count > 12 ? ", …" : "")"
                .terminalSafe)
        out.line("See the plan with: \(command) --dry-run")
        out.line("Then convert them, in one commit git sees as renames: \(command)")
    }

    /// The version of `pm init --json`'s shape (docs/json/init.schema.json).
    static let jsonVersion = 1

    /// What `pm init --json` prints.
    struct InitResult: JSONRepresentable {
        let directory: String
        let written: [String]
        let commit: String?
        /// What the folder already held, when it holds Markdown not in pm's format.
        let found: CollectionSurvey?
        let importCommand: String?

        var jsonObject: [(String, JSONValue)] {
            [
                ("directory", .string(directory)), ("written", .strings(written)), ("commit", .string(commit)),
                ("found", found.map(\.json) ?? .null), ("importCommand", .string(importCommand)),
            ]
        }
    }

    static func configurationText(directory: String) -> String {
        """
        # pm configuration (git-config syntax). Every setting has a default; uncomment to change one.
        [pm]
        \tdirectory = \(directory)
        #\tseverities = SEV1 SEV2 SEV3 SEV4
        #\tdefaultSeverity = SEV4
        #\trequiredSections = Summary, Impact, Timeline, Root cause, Action items
        #\ttimezone = UTC
        #\ttemplate = .pm/template.md

        """
    }

    static let folderReadme = """
        # Postmortems

        One Markdown file per incident, named `YYYY-MM-DD-slug.md`, managed with
        pm: `pm new "What happened"` starts one from the blameless template,
        `pm list` shows them all, `pm show <id>` shows one.

        A postmortem describes what happened and what the systems and conditions made likely; it never
        names a person as the cause. Its action items each have an owner and a due date.

        """
}

extension ArgumentType where Value == String {
    /// A folder for postmortems as `.pmconfig` would accept it for pm.directory (inside the repository, without
    /// characters git-config syntax would need escaped), normalised the same way.
    static var postmortemFolder: ArgumentType {
        ArgumentType(name: "postmortem folder") { text in
            let expected = "a folder inside the repository, e.g. 'docs/incidents'"
            guard
                !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\\" || $0 == "\"" })
            else {
                return .failure(
                    ValueProblem(expected: expected, reason: "control characters, quotes and backslashes are not allowed"))
            }
            do {
                return .success(try Configuration.parse("[pm]\n\tdirectory = \(text)\n", path: "--directory").directory)
            } catch {
                return .failure(ValueProblem(expected: expected))
            }
        }
    }
}
