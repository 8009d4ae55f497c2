import Foundation
import PostmortemKit

/// `pm check`: runs the rules over postmortems from the working tree, the index, a commit range or HEAD.
enum CheckCommand: Command {
    enum Format: String, OutputFormat {
        case text, json, sarif, github
    }

    static let staged = Option.flag("staged", help: "Check what the next commit adds or changes, read from git's index.")
    static let range = Option.value(
        "rev", name: "range", as: .text, help: "Check the postmortems changed by the commits in A..B (or one commit).")
    static let receive = Option.flag(
        "receive", help: "Check a push as pre-receive gets it on stdin (every reference, new commits only).")
    static let all = Option.flag("all", help: "Check every postmortem at HEAD.")
    static let format = Option.format(default: Format.text, help: "The output format.")
    static let strict = Option.flag("strict", help: "Fail on warnings too.")
    static let paths = Argument.variadic(
        "path", as: .text, optional: true, completion: .file, help: "Postmortem files or folders in the working tree.")

    static let spec = CommandSpec(
        name: "check",
        abstract: "Check postmortems against the rules (template, action items, blameless language).",
        discussion: """
            With no argument, checks every postmortem in the working tree. With paths, those files (or the \
            postmortems under those folders) as they are on disk; paths outside the postmortem folder are skipped. \
            --staged checks what the next commit adds or changes, read from git's index (the pre-commit hook). \
            --rev A..B checks the postmortems added or modified by the commits in A..B, as they are at B (CI, \
            pre-push, pre-receive; works in a bare repository); --rev R checks what commit R changed; an all-zero \
            A (a new branch) means the commits of B that no other reference has. --receive reads git's \
            pre-receive input (<old> <new> <ref> lines) on stdin and checks every updated reference, whatever its \
            namespace, except those hooks.skipRefs names: the commits it reaches that no reference outside those \
            namespaces reaches yet (the server hook). --all checks every postmortem at HEAD. Exit status: 0 \
            clean, 1 errors (or warnings with --strict), 2 could not run, 64 usage.
            """,
        options: [staged.spec, range.spec, receive.spec, all.spec, format.spec, strict.spec],
        positionals: [paths.spec],
        examples: [
            "pm check", "pm check --staged", "pm check --rev origin/main..HEAD --format sarif > pm.sarif",
            "pm check postmortems/2026-11-20-checkout-api-returned-500s.md --strict",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let paths = try context[Self.paths]
        let modes = [
            paths.isEmpty ? nil : Self.paths.spec.synopsis, context[staged] ? staged.spec.displayName : nil,
            context[range] == nil ? nil : range.spec.displayName, context[all] ? all.spec.displayName : nil,
            context[receive] ? receive.spec.displayName : nil,
        ].compactMap { $0 }
        if modes.count > 1 {
            throw UsageError(
                message: "'\(modes[0])' and '\(modes[1])' cannot be used together; choose what to check",
                commandPath: context.arguments.commandPath)
        }
        let format = context[Self.format]

        let store = try context.store()
        if context[range] != nil || context[receive] {
            // In pre-receive, the pushed objects are still in git's quarantine folder.
            try store.addObjectDirectories(from: context.environment)
        }
        if context[receive] { return try checkPush(store: store, context: context, format: format) }
        let selection = try select(store: store, context: context, paths: paths)
        var report = FindingsReport(findings: [], postmortemCount: selection.files.count)
        check(selection, store: store, into: &report)
        report.findings = Checker.sorted(report.findings)
        return try print(report, format: format, context: context)
    }

    /// Checks `selection`, adding its findings (and the text of the files they quote) to `report`.
    private static func check(
        _ selection: PostmortemStore.ChangedPostmortems, store: PostmortemStore, into report: inout FindingsReport
    ) {
        let configuration = store.configuration
        let checkContext = CheckContext(
            configuration: configuration, pathsByID: pathsByID(selection.allPaths + selection.files.map(\.path)),
            today: LocalDate.today(in: configuration.timeZone))
        // One document parsed at a time, and dropped once checked: a parsed postmortem is many times its text,
        // and --all on 100,000 of them held gigabytes. The cross-document rules need only the paths above.
        let checker = Checker(configuration: configuration)
        for file in selection.files {
            let found = checker.check(store.parse(file), context: checkContext)
            // The text of a file is kept only when a finding quotes it.
            if !found.isEmpty { report.sources[file.path] = file.bytes }
            report.findings += found
        }
    }

    /// `--receive`: every reference the push updates (from stdin), each checked for the commits it brings that
    /// no accepted reference has; one report, then one line per refused reference.
    private static func checkPush(store: PostmortemStore, context: CommandContext, format: Format) throws -> ExitCode {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let updates = try ReferenceUpdate.parse(input)
        let accepted = try store.acceptedCommits()
        var report = FindingsReport(findings: [], postmortemCount: 0)
        var checked: Set<PostmortemFile> = []
        var refused: [String] = []
        for update in updates {
            guard let selection = try store.postmortems(pushedIn: update, accepted: accepted) else {
                if !update.isDeletion, store.isSkippedReference(update.name) {
                    context.note("pm: not checking \(update.name.terminalSafe) (hooks.skipRefs in .pmconfig)")
                }
                continue
            }
            var own = FindingsReport(findings: [], postmortemCount: selection.files.count)
            check(selection, store: store, into: &own)
            if own.errorCount > 0 || (context[strict] && own.warningCount > 0) { refused.append(update.name) }
            // A file pushed under two names (a branch and its tag) is reported once.
            report.findings += own.findings
            report.sources.merge(own.sources) { first, _ in first }
            report.postmortemCount += selection.files.filter { checked.insert($0).inserted }.count
        }
        report.findings = Checker.sorted(Array(Set(report.findings)))
        _ = try print(report, format: format, context: context)
        for name in refused {
            context.note("pm: refusing \(name.terminalSafe): its postmortems break the rules above.")
        }
        return refused.isEmpty ? .success : .findings
    }

    /// Prints a report in `format` and says whether it fails the check.
    private static func print(_ report: FindingsReport, format: Format, context: CommandContext) throws -> ExitCode {
        switch format {
        case .json: context.stdout.line(JSONFindingsFormatter.document(report))
        case .sarif:
            context.stdout.line(
                SARIFFormatter.document(report, rules: RuleRegistry.all.map { $0.description }, version: PM.version))
        case .github:
            for line in GitHubFormatter.lines(report) { context.stdout.line(line) }
            context.note(report.summary)
        case .text:
            for line in TextFindingsFormatter.lines(report, terminal: context.stdout) { context.stdout.line(line) }
            context.note(summaryLine(report, terminal: context.stderr))
        }
        let failing = report.errorCount > 0 || (context[strict] && report.warningCount > 0)
        return failing ? .findings : .success
    }

    /// The summary for stderr, coloured like the findings on a terminal.
    private static func summaryLine(_ report: FindingsReport, terminal: Terminal) -> String {
        if report.errorCount > 0 { return terminal.styled(report.summary, .red, .bold) }
        if report.warningCount > 0 { return terminal.styled(report.summary, .yellow) }
        return terminal.styled(report.summary, .green)
    }

    /// The files to check and the paths of every postmortem at the same source.
    private static func select(store: PostmortemStore, context: CommandContext, paths: [String]) throws
        -> PostmortemStore.ChangedPostmortems
    {
        if context[staged] {
            _ = try store.requireWorkingDirectory(for: "'pm check --staged'")
            return try store.stagedPostmortems()
        }
        if let range = context[Self.range] { return try store.postmortems(changedIn: range) }
        if context[all] {
            let files = try store.files(at: .revision("HEAD"))
            return .init(files: files, allPaths: files.map(\.path))
        }
        if paths.isEmpty {
            let files = try store.files(at: .workingTree)
            return .init(files: files, allPaths: files.map(\.path))
        }
        let root = try store.requireWorkingDirectory(for: "Checking paths")
        let everything = try store.paths(at: .workingTree)
        let listed = Set(everything)
        var chosen: [String] = []
        for path in paths {
            let relative = store.relativePath(of: path, from: context.currentDirectory)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder) else {
                throw CLIError("cannot check '\(path)': no such file")
            }
            if isFolder.boolValue {
                let prefix = relative.hasSuffix("/") || relative.isEmpty || relative == "." ? relative : relative + "/"
                chosen += everything.filter { prefix == "." || $0.hasPrefix(prefix) }
            } else if store.isPostmortemPath(relative) {
                // Only what the folder listing admits: a named file that is a symbolic link out of the repository
                // was read through the link, though the listing (and `pm check` without paths) leaves it out.
                guard listed.contains(relative) else {
                    context.note(
                        "Skipped \(relative.terminalSafe): a symbolic link that leads outside the repository (not followed)")
                    continue
                }
                chosen.append(relative)
            } else {
                context.note("Skipped \(relative.terminalSafe): not a postmortem in \(store.configuration.directory)/")
            }
        }
        var seen: Set<String> = []
        let files = try chosen.filter { seen.insert($0).inserted }.map { try store.file(at: $0, source: .workingTree) }
        return .init(files: files, allPaths: everything)
    }

    /// Every id and the distinct paths holding it, for `unique-id` and `related-exists`.
    private static func pathsByID(_ paths: [String]) -> [String: [String]] {
        CheckContext.pathsByID(paths)
    }
}
