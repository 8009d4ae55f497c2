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
    static let writeBaseline = Option.flag(
        "write-baseline",
        help:
            "Record every finding of the postmortems checked in the baseline file (.pm-baseline.json, or check.baseline in .pmconfig) and commit it; later checks report only findings not in it."
    )
    static let noBaseline = Option.flag("no-baseline", help: "Report every finding, those in the baseline too.")
    static let noCommit = Option.flag("no-commit", help: "With --write-baseline: write the file but do not commit it.")
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
            namespaces reaches yet (the server hook). --all checks every postmortem at HEAD. \
            The findings baseline (.pm-baseline.json at the repository root, or check.baseline in .pmconfig) \
            lists findings accepted for now: they are not reported, and the summary says how many. It is read \
            from where the postmortems are: the working tree, git's index (--staged), HEAD (--all), the last \
            commit of the range (--rev) or of each pushed reference (--receive). --write-baseline records the \
            findings of the postmortems checked (every one with no path) and commits the file; --no-baseline \
            shows everything. Exit status: 0 clean, 1 errors (or warnings with --strict), 2 could not run, 64 usage.
            """,
        options: [
            staged.spec, range.spec, receive.spec, all.spec, format.spec, strict.spec, writeBaseline.spec, noBaseline.spec,
            noCommit.spec,
        ],
        positionals: [paths.spec],
        examples: [
            "pm check", "pm check --staged", "pm check --rev origin/main..HEAD --format sarif > pm.sarif",
            "pm check postmortems/2026-11-20-checkout-api-returned-500s.md --strict", "pm check --write-baseline",
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
        try checkBaselineOptions(context, format: format)

        let store = try context.store()
        if context[writeBaseline] { return try recordBaseline(store: store, context: context, paths: paths, format: format) }
        if context[range] != nil || context[receive] {
            // In pre-receive, the pushed objects are still in git's quarantine folder.
            try store.addObjectDirectories(from: context.environment)
        }
        if context[receive] { return try checkPush(store: store, context: context, format: format) }
        let selection = try select(store: store, context: context, paths: paths)
        var report = FindingsReport(findings: [], postmortemCount: selection.files.count)
        check(selection, store: store, into: &report)
        report.findings = Checker.sorted(report.findings)
        if !context[noBaseline] {
            // The baseline is read from where the postmortems were read; with no path or --all, every postmortem there
            // was checked, so an entry of a file that is gone is fixed too.
            let source: PostmortemStore.BaselineSource?
            if context[staged] {
                source = .index
            } else if context[range] != nil {
                source = selection.commit.map { .commit($0) }
            } else {
                source = context[all] ? .head : .workingTree
            }
            let everything = context[all] || (paths.isEmpty && !context[staged] && context[range] == nil)
            if let source, let baseline = try store.baseline(at: source).map(selection.following) {
                let match = baseline.match(
                    report.findings, sources: report.sources,
                    checkedPaths: everything ? nil : Set(selection.files.map(\.path)))
                report.findings = match.shown
                report.baseline = .init(path: store.baselinePath, baselined: match.baselined.count, fixed: match.fixedCount)
            }
        }
        return try print(report, format: format, context: context)
    }

    /// Refuses the baseline options where they mean nothing: `--write-baseline` records what a plain check (or
    /// `--all`) finds, so it goes with neither another mode, `--no-baseline`, `--strict`, nor a format for findings.
    private static func checkBaselineOptions(_ context: CommandContext, format: Format) throws {
        let path = context.arguments.commandPath
        guard context[writeBaseline] else {
            if context[noCommit] {
                throw UsageError(
                    message: "'\(noCommit.spec.displayName)' goes only with '\(writeBaseline.spec.displayName)'",
                    commandPath: path)
            }
            return
        }
        let name = writeBaseline.spec.displayName
        let conflicting = [
            context[staged] ? staged.spec.displayName : nil, context[range] == nil ? nil : range.spec.displayName,
            context[receive] ? receive.spec.displayName : nil, context[noBaseline] ? noBaseline.spec.displayName : nil,
            context[strict] ? strict.spec.displayName : nil,
        ].compactMap { $0 }
        if let other = conflicting.first {
            throw UsageError(
                message:
                    "'\(name)' and '\(other)' cannot be used together; '\(name)' records the findings of the working tree (or of HEAD with --all)",
                commandPath: path)
        }
        if format == .sarif || format == .github {
            throw UsageError(
                message: "'\(name)' prints text or json, not \(format.rawValue); drop '--format \(format.rawValue)'",
                commandPath: path)
        }
    }

    /// The version of `pm check --write-baseline --json`'s shape (docs/json/check-baseline.schema.json).
    static let baselineJSONVersion = 1

    /// `--write-baseline`: checks as a plain `pm check` (or `--all`, or the paths given) would, and records every
    /// finding in the baseline file, committed. With paths, the entries of the other files are kept.
    private static func recordBaseline(store: PostmortemStore, context: CommandContext, paths: [String], format: Format)
        throws -> ExitCode
    {
        let commit = !context[noCommit]
        let command = "pm check --write-baseline"
        if commit {
            _ = try store.checkWritable(for: "'\(command)'")
            // Fail before checking anything when git has no identity, as the commit would.
            _ = try store.identity(for: .author, environment: context.environment)
            _ = try store.identity(for: .committer, environment: context.environment)
        }
        let current = try store.baselineToReplace(for: command)
        let selection = try select(store: store, context: context, paths: paths)
        var report = FindingsReport(findings: [], postmortemCount: selection.files.count)
        check(selection, store: store, into: &report)
        let recorded = FindingsBaseline(findings: report.findings, sources: report.sources)
        let everything = paths.isEmpty
        let path = store.baselinePath
        var previous: FindingsBaseline?
        if let bytes = current.bytes {
            do {
                previous = try FindingsBaseline.decode(bytes, path: path)
            } catch {
                // Writing the whole baseline anew is how a damaged one is repaired; the damage is still named. With
                // paths, the entries of the other files are needed, so a file pm cannot read stops it.
                guard everything else { throw error }
                context.warn("\(error.description); writing the baseline anew over it")
            }
        }
        let empty = FindingsBaseline(findings: [], sources: [:])
        let baseline =
            everything ? recorded : (previous ?? empty).replacing(paths: Set(selection.files.map(\.path)), with: recorded)
        let (added, fixed) = baseline.changes(from: previous ?? empty)
        // The same entries are the same baseline, whatever the bytes (line endings a checkout with core.autocrlf
        // gave it, an order edited by hand): nothing to write.
        let unchanged = previous == baseline
        let counted = "\(count(baseline.findingCount, "finding")) in \(count(baseline.paths.count, "postmortem"))"
        var result: CommitResult?
        if !unchanged {
            let message =
                current.bytes == nil
                ? "Record the pm check baseline: \(counted)"
                : "Update the pm check baseline: \(counted); \(fixed) fixed, \(added) added"
            result = try store.writeBaseline(baseline, replacing: current, commit: commit, message: message)
        }
        if context.json || format == .json {
            context.stdout.line(
                JSONOutput.document(
                    BaselineResult(
                        path: path, baseline: baseline, added: added, fixed: fixed, changed: !unchanged,
                        commit: result?.commit.hex), version: baselineJSONVersion))
            return .success
        }
        if unchanged {
            context.note("\(path.terminalSafe) already records these \(counted); nothing to write")
        } else {
            var line = "Wrote \(path.terminalSafe): \(counted)"
            if current.bytes != nil { line += " (\(fixed) fixed, \(added) added since the last baseline)" }
            if !commit { line += ", not committed" }
            context.note(line)
            context.report(result)
        }
        return .success
    }

    /// What `pm check --write-baseline --json` prints.
    struct BaselineResult: JSONRepresentable {
        let path: String
        let baseline: FindingsBaseline
        let added: Int
        let fixed: Int
        let changed: Bool
        let commit: String?

        var jsonObject: [(String, JSONValue)] {
            [
                ("path", .string(path)), ("findings", .int(baseline.findingCount)), ("entries", .int(baseline.entries.count)),
                ("postmortems", .int(baseline.paths.count)), ("added", .int(added)), ("fixed", .int(fixed)),
                ("changed", .bool(changed)), ("commit", .string(commit)),
            ]
        }
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

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
        // What the baselines of the pushed commits accepted, and their entries that matched nothing, once each.
        var baselined: Set<Finding> = []
        var fixed: [FindingsBaseline.Entry: Int] = [:]
        var sawBaseline = false
        for update in updates {
            guard let selection = try store.postmortems(pushedIn: update, accepted: accepted) else {
                if !update.isDeletion, store.isSkippedReference(update.name) {
                    context.note("pm: not checking \(update.name.terminalSafe) (hooks.skipRefs in .pmconfig)")
                }
                continue
            }
            var own = FindingsReport(findings: [], postmortemCount: selection.files.count)
            check(selection, store: store, into: &own)
            // Each reference is checked against the baseline of the commit it is set to: the tree being pushed.
            if !context[noBaseline], let commit = selection.commit,
                let baseline = try store.baseline(at: .commit(commit)).map(selection.following)
            {
                sawBaseline = true
                let match = baseline.match(
                    Checker.sorted(own.findings), sources: own.sources, checkedPaths: Set(selection.files.map(\.path)))
                own.findings = match.shown
                baselined.formUnion(match.baselined)
                for var entry in match.fixed {
                    let left = entry.count
                    entry.count = 0
                    fixed[entry] = max(fixed[entry] ?? 0, left)
                }
            }
            if own.errorCount > 0 || (context[strict] && own.warningCount > 0) { refused.append(update.name) }
            // A file pushed under two names (a branch and its tag) is reported once.
            report.findings += own.findings
            report.sources.merge(own.sources) { first, _ in first }
            report.postmortemCount += selection.files.filter { checked.insert($0).inserted }.count
        }
        report.findings = Checker.sorted(Array(Set(report.findings)))
        if sawBaseline {
            report.baseline = .init(
                path: store.baselinePath, baselined: baselined.count, fixed: fixed.values.reduce(0, +))
        }
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
            if let note = report.fixedNote { context.note(note.terminalSafe) }
        case .text:
            for line in TextFindingsFormatter.lines(report, terminal: context.stdout) { context.stdout.line(line) }
            context.note(summaryLine(report, terminal: context.stderr))
            if let note = report.fixedNote { context.note(note.terminalSafe) }
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
