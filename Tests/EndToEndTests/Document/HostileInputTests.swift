import Foundation
import TestSupport
import Testing

/// The hostile and broken input corpus (`Tests/Fixtures/Hostile/`, its `manifest.json`, and the cases built
/// here because they are too big to commit), run through the built `pm` on real git repositories.
///
/// Every command must end within `HostileRun.timeout`, with the exit status the README's *Exit codes* gives, no signal and no
/// "Fatal error"; print no control character, escape sequence or bidirectional override from a document; write
/// nothing outside the repository (the folder around it is compared before and after); and leave git's view
/// consistent (`git status --porcelain`, `git fsck`).
@Suite("Hostile input")
struct HostileInputTests {
    /// One committed case of the manifest.
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        /// The fixture's file name in `Tests/Fixtures/Hostile/`.
        var file: String
        /// What the case is about.
        var why: String
        /// Where it goes in the repository, relative to the root (default `postmortems/2026-11-20-<name>.md`).
        var install: String?
        /// Per command (see `HostileRun.commands`): the exit status and, optionally, a fragment of the output.
        var expect: [String: Expectation]
        var testDescription: String { file }

        var name: String { String(file.dropLast(3)) }
        var path: String { install ?? "postmortems/2026-11-20-\(name).md" }
    }

    struct Expectation: Decodable, Sendable {
        var exit: Int32
        /// Text that stdout or stderr must contain (file:line:col for a finding).
        var output: String?
    }

    static let fixtures = PMBinary.packageRoot + "/Tests/Fixtures/Hostile"

    static let cases: [Case] = {
        guard let data = FileManager.default.contents(atPath: fixtures + "/manifest.json"),
            let cases = try? JSONDecoder().decode([Case].self, from: data)
        else { return [] }
        return cases
    }()

    @Test("the manifest names every fixture file, and every fixture file is in the manifest")
    func manifestIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { $0.hasSuffix(".md") }
        #expect(!Self.cases.isEmpty, "manifest.json did not decode")
        #expect(Set(files) == Set(Self.cases.map(\.file)))
        for item in Self.cases {
            #expect(Set(item.expect.keys).isSubset(of: HostileRun.commandNames), "\(item.file): unknown command")
        }
    }

    @Test("a committed hostile file", arguments: cases)
    func committedCase(_ item: Case) throws {
        let run = try HostileRun()
        let bytes = try #require(FileManager.default.contents(atPath: Self.fixtures + "/" + item.file))
        try run.repo.write(item.path, bytes: [UInt8](bytes))
        try run.repo.commitAll("Add \(item.file)")
        let id = URL(fileURLWithPath: item.path).deletingPathExtension().lastPathComponent
        for name in HostileRun.commandOrder {
            guard let expectation = item.expect[name] else { continue }
            let result = try run.pm(HostileRun.arguments(name, id: id, path: item.path))
            #expect(result.status == expectation.exit, "\(item.file): pm \(name)\n\(result)")
            if let fragment = expectation.output {
                #expect(result.text.contains(fragment), "\(item.file): pm \(name) lacks '\(fragment)'\n\(result)")
            }
        }
        try run.expectConsistent()
    }

    // MARK: - Generated cases

    /// A complete postmortem with `timeline` lines and `actions` lines (the generated bulk goes in there).
    static func document(
        title: String = "Checkout outage", impact: String = "Some customers could not pay.",
        timeline: String = "- 14:02 The primary fails over.\n",
        actions: String = "- [ ] Alert on lag — owner: @dana — due: 2026-12-15\n"
    ) -> String {
        "---\ntitle: \(title)\ndate: 2026-11-20\nseverity: SEV2\nstatus: draft\n---\n\n## Summary\nCheckout failed for some requests.\n\n## Impact\n\(impact)\n\n## Timeline\n\(timeline)\n## Root cause\nThe pool cached the old address.\n\n## Action items\n\(actions)"
    }

    @Test("a 50 MB file is one positioned error, quickly, in every command that reads it")
    func fiftyMegabytes() throws {
        let run = try HostileRun()
        let line = "The checkout service returned errors while the connection pool was exhausted again.\n"
        let body = String(repeating: line, count: 50 * 1024 * 1024 / line.utf8.count)
        try run.repo.write("postmortems/2026-11-20-huge.md", HostileInputTests.document(impact: body))
        try run.repo.write("postmortems/2026-11-21-small.md", HostileInputTests.document(title: "Small"))
        try run.repo.commitAll("A huge postmortem")
        let check = try run.pm(["check"])
        #expect(check.status == 1)
        #expect(check.text.contains("postmortems/2026-11-20-huge.md:1:1: error [front-matter] file too large (50.0 MiB)"))
        let list = try run.pm(["list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("2026-11-21-small"))
        #expect(try run.pm(["show", "huge"]).status == 1)
        #expect(try run.pm(["search", "checkout"]).stdout.contains("2026-11-21-small"))
        #expect(try run.pm(["actions"]).status == 0)
        try run.expectConsistent()
    }

    @Test("a 100,000-line timeline is read whole and in order")
    func longTimeline() throws {
        let run = try HostileRun()
        let start = Date(timeIntervalSince1970: 1_795_615_200)  // 2026-11-25 10:00 UTC
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var timeline = ""
        for minute in 0..<100_000 {
            timeline += "- \(formatter.string(from: start.addingTimeInterval(Double(minute) * 60))) Event \(minute).\n"
        }
        try run.repo.write("postmortems/2026-11-20-timeline.md", HostileInputTests.document(timeline: timeline))
        try run.repo.commitAll("A long timeline")
        #expect(try run.pm(["check"]).status == 0)
        let show = try run.pm(["show", "timeline", "--json"])
        #expect(show.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect((object["timeline"] as? [Any])?.count == 100_000)
        #expect(try run.pm(["list"]).status == 0)
        #expect(try run.pm(["search", "event"]).status == 0)
        #expect(try run.pm(["stats"]).status == 0)
        try run.expectConsistent()
    }

    @Test("a 100,000-item action list: every item is tracked (the index kept only 65,535)")
    func hugeActionList() throws {
        let run = try HostileRun()
        var actions = ""
        for item in 0..<100_000 {
            actions += "- [ ] Item \(item) — owner: @owner\(item % 50) — due: 2026-12-\(String(format: "%02d", item % 28 + 1))\n"
        }
        try run.repo.write("postmortems/2026-11-20-actions.md", HostileInputTests.document(actions: actions))
        try run.repo.commitAll("A long action list")
        #expect(try run.pm(["check"]).status == 0)
        // The text table, not --json: a debug build takes ~14 s to write 100,000 items as JSON (release: well
        // under a second), which is not what this case is about.
        let list = try run.pm(["actions", "--as-of", "2026-11-25"])
        #expect(list.status == 0)
        #expect(list.stderr.contains("100000 action items: 100000 open"), "\(list)")
        #expect(list.stdout.contains("2026-11-20-actions#100000 "))
        let stats = try run.pm(["stats", "--json"])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("100000"))
        try run.expectConsistent()
    }

    @Test("10,000-deep nested lists and quotes are a positioned error, not a stack overflow")
    func deepNesting() throws {
        let run = try HostileRun()
        let impact =
            String(repeating: "- ", count: 10_000) + "deep\n\n" + String(repeating: "> ", count: 10_000) + "deep\n\n"
            + String(repeating: "1. ", count: 10_000) + "deep\n\n" + String(repeating: "> - ", count: 5_000) + "deep\n"
        try run.repo.write("postmortems/2026-11-20-nested.md", HostileInputTests.document(impact: impact))
        try run.repo.commitAll("Deep nesting")
        let check = try run.pm(["check"])
        #expect(check.status == 1)
        #expect(
            check.text.contains("postmortems/2026-11-20-nested.md:12:129: error [front-matter] nesting deeper than 64 levels"))
        for arguments in [["list"], ["show", "nested"], ["search", "deep"], ["actions"], ["stats"]] {
            let result = try run.pm(arguments)
            #expect(result.status <= 1, "\(arguments)\n\(result)")
        }
        try run.expectConsistent()
    }

    @Test("a 5 MB line is read, searched and shown")
    func longLine() throws {
        let run = try HostileRun()
        let impact = String(repeating: "checkout ", count: 600_000) + "needle"
        try run.repo.write("postmortems/2026-11-20-long-line.md", HostileInputTests.document(impact: impact))
        try run.repo.commitAll("A long line")
        #expect(try run.pm(["check"]).status == 0)
        #expect(try run.pm(["list"]).status == 0)
        #expect(try run.pm(["show", "long-line"]).status == 0)
        #expect(try run.pm(["search", "needle"]).stdout.contains("2026-11-20-long-line"))
        try run.expectConsistent()
    }

    @Test("titles that look like paths give ids inside the postmortem folder")
    func pathTitles() throws {
        let run = try HostileRun()
        let titles = [
            "../../x", "/etc/passwd", "..", "\u{1B}[31m../..\n/tmp/evil", "x/../../../../y", "C:\\Windows\\system32", "~/.ssh/id",
        ]
        for (offset, title) in titles.enumerated() {
            let result = try run.pm(["new", title, "--no-edit", "--date", "2026-03-\(String(format: "%02d", offset + 1))"])
            #expect(result.status == 0, "\(title)\n\(result)")
            let id = result.stdout.trimmed
            #expect(id.range(of: #"^2026-03-\d\d-[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil, "\(id)")
            #expect(FileManager.default.fileExists(atPath: run.repo.root + "/postmortems/\(id).md"))
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: run.repo.root + "/postmortems")
        #expect(files.count == titles.count)
        #expect(try run.repo.git(["log", "--format=%s"]).lines.count == titles.count + 1)
        try run.expectConsistent()
    }

    @Test("a file name with escape sequences and a line break is printed without them")
    func hostileFileName() throws {
        let run = try HostileRun()
        try run.repo.write("postmortems/2026-11-20-a\u{1B}[31mred\nline\u{202E}.md", HostileInputTests.document())
        try run.repo.commitAll("A hostile file name")
        for arguments in [["check"], ["check", "--all"], ["list"], ["search", "checkout"], ["actions"], ["stats"]] {
            let result = try run.pm(arguments)
            #expect(result.status <= 1, "\(arguments)\n\(result)")
        }
        try run.expectConsistent()
    }

    @Test("a symbolic link out of the repository is not read, listed, searched or written through")
    func symlinkOutside() throws {
        let run = try HostileRun()
        try run.repo.write("postmortems/2026-11-20-inside.md", HostileInputTests.document())
        try run.repo.commitAll("A postmortem")
        let outside = run.repo.base + "/outside"
        try FileManager.default.createDirectory(atPath: outside + "/folder", withIntermediateDirectories: true)
        let secret = HostileInputTests.document(title: "SECRET")
        try secret.write(toFile: outside + "/secret.md", atomically: true, encoding: .utf8)
        try secret.write(toFile: outside + "/folder/2026-11-22-secret.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: run.repo.root + "/postmortems/2026-11-21-secret.md", withDestinationPath: outside + "/secret.md")
        try FileManager.default.createSymbolicLink(
            atPath: run.repo.root + "/postmortems/linked", withDestinationPath: outside + "/folder")
        run.snapshot()
        for arguments in [
            ["check"], ["check", "postmortems/2026-11-21-secret.md"], ["list"], ["search", "secret"], ["actions"], ["stats"],
        ] {
            let result = try run.pm(arguments)
            #expect(result.status <= 1, "\(arguments)\n\(result)")
            #expect(!result.text.contains("SECRET"), "\(arguments)\n\(result)")
        }
        #expect(try run.pm(["check", "postmortems/2026-11-21-secret.md"]).stderr.contains("not followed"))
        for arguments in [["show", "2026-11-21-secret"], ["status", "2026-11-21-secret", "in-review"], ["edit", "secret"]] {
            #expect(try run.pm(arguments).status == 2, "\(arguments)")
        }
        // The whole folder a link out of the repository: refused, for reading and for writing.
        try FileManager.default.moveItem(atPath: run.repo.root + "/postmortems", toPath: run.repo.root + "/kept")
        try FileManager.default.createSymbolicLink(
            atPath: run.repo.root + "/postmortems", withDestinationPath: outside + "/folder")
        run.snapshot()
        // (`pm actions` and `pm search` read HEAD's tree through the index, where the folder is still a folder.)
        for arguments in [["check"], ["list"], ["new", "Through the link", "--no-edit"]] {
            let result = try run.pm(arguments)
            #expect(result.status == 2, "\(arguments)\n\(result)")
            #expect(!result.text.contains("SECRET"), "\(arguments)\n\(result)")
            #expect(result.text.contains("symbolic link"), "\(arguments)\n\(result)")
        }
        try run.expectOutsideUnchanged()
        #expect(try run.repo.gitOutput(["fsck"]).status == 0)
    }

    @Test("a postmortem folder that is a file: every command says so and exits 2")
    func folderIsFile() throws {
        let run = try HostileRun()
        try run.repo.write("postmortems", "not a folder\n")
        try run.repo.commitAll("A file where the folder goes")
        for arguments in [["check"], ["list"], ["new", "Nope", "--no-edit"]] {
            let result = try run.pm(arguments)
            #expect(result.status == 2, "\(arguments)\n\(result)")
            #expect(result.stderr.contains("is a file"), "\(arguments)\n\(result)")
        }
        for arguments in [["check", "--all"], ["search", "x"], ["actions"], ["stats"], ["site", run.repo.base + "/site"]] {
            let result = try run.pm(arguments)
            #expect(result.status <= 2, "\(arguments)\n\(result)")
        }
        try run.expectConsistent()
    }

    /// A broken `.pmconfig`: its text and what the error must say.
    struct BrokenConfiguration: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var fragment: String
        var testDescription: String { name }
    }

    static let brokenConfigurations = [
        BrokenConfiguration(
            name: "binary, NUL first", text: "\u{0}\u{FF}\u{FE} garbage [[[\n", fragment: ".pmconfig:1: contains a NUL byte"),
        BrokenConfiguration(
            name: "NUL after a setting", text: "[pm]\n\tdirectory = docs\n\u{0}[pm]\n",
            fragment: ".pmconfig:3: contains a NUL byte"),
        BrokenConfiguration(name: "unclosed section", text: "[pm\n\tdirectory = x\n", fragment: ".pmconfig:1: does not parse"),
        BrokenConfiguration(
            name: "folder above the repository", text: "[pm]\n\tdirectory = ../../etc\n",
            fragment: ".pmconfig:2: invalid value '../../etc' for pm.directory"),
        BrokenConfiguration(
            name: "absolute folder", text: "[pm]\n\tdirectory = /tmp\n",
            fragment: ".pmconfig:2: invalid value '/tmp' for pm.directory"),
        BrokenConfiguration(
            name: "absurd time zone", text: "[pm]\n\ttimezone = +99:00\n",
            fragment: ".pmconfig:2: invalid value '+99:00' for pm.timezone"),
        BrokenConfiguration(name: "include", text: "[include]\n\tpath = /etc/passwd\n", fragment: ".pmconfig:1: includes"),
        BrokenConfiguration(
            name: "escape sequence in a value", text: "[pm]\n\tseverities = \u{1B}[31mSEV1\n",
            fragment: ".pmconfig:2: invalid value"),
    ]

    @Test(
        "a .pmconfig full of garbage is a configuration error with its line, for every command", arguments: brokenConfigurations)
    func garbageConfiguration(_ configuration: BrokenConfiguration) throws {
        let (text, fragment) = (configuration.text, configuration.fragment)
        let run = try HostileRun()
        try run.repo.write("postmortems/2026-11-20-inside.md", HostileInputTests.document())
        try run.repo.write(".pmconfig", text)
        try run.repo.commitAll("A broken .pmconfig")
        for arguments in [["check"], ["list"], ["search", "checkout"], ["actions"], ["stats"], ["new", "Nope", "--no-edit"]] {
            let result = try run.pm(arguments)
            #expect(result.status == 2, "\(arguments)\n\(result)")
            #expect(result.stderr.contains(fragment), "\(arguments)\n\(result)")
        }
        try run.expectConsistent()
    }
}

/// One temporary repository for a hostile case, and pm run in it under a time limit with its output checked.
final class HostileRun {
    /// Per command: a guard against hangs, not a speed measure (`make bench` measures speed). Well above what any
    /// command takes on these inputs in a debug build, even building the index of a 100,000-item action list on a
    /// 2-core machine busy with the rest of the suite (over 30 s there).
    static let timeout = 90
    static let commandOrder = [
        "check", "check-all", "list", "show", "search", "index", "actions", "stats", "export", "site", "status", "edit",
    ]
    static let commandNames = Set(commandOrder)

    /// The arguments of a manifest command for the postmortem `id` at `path`.
    static func arguments(_ name: String, id: String, path: String) -> [String] {
        switch name {
        case "check": return ["check", path]
        case "check-all": return ["check", "--all"]
        case "show": return ["show", id]
        case "search": return ["search", "checkout"]
        case "actions": return ["actions", "--as-of", "2026-12-01"]
        case "stats": return ["stats", "--until", "2026-12-31"]
        case "export": return ["export", id, "--allow-internal"]
        case "site": return ["site", "../site"]
        case "status": return ["status", id, "in-review"]
        case "edit": return ["edit", id]
        default: return [name]
        }
    }

    let repo: TemporaryRepository
    private var before: [String: String] = [:]

    init() throws {
        repo = try TemporaryRepository()
        try repo.write("README.md", "# Service\n")
        try repo.commitAll("Initial commit")
        snapshot()
    }

    /// What pm printed: both streams, and how long it took.
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        var text: String { stdout + stderr }
        var description: String {
            "exit \(status) after \(String(format: "%.2f", seconds)) s\n--- stdout\n\(stdout.prefix(2000))--- stderr\n\(stderr.prefix(2000))"
        }
    }

    /// Runs pm under `timeout` and checks what every run must satisfy, whatever the case.
    @discardableResult
    func pm(_ arguments: [String]) throws -> Result {
        let timeoutProgram = try #require(Shell.which("timeout"))
        let clock = ContinuousClock.now
        let output = try Shell.run(
            timeoutProgram, ["-s", "KILL", "\(Self.timeout)", PMBinary.path] + arguments, in: repo.root,
            environment: repo.environment)
        let elapsed = ContinuousClock.now - clock
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let result = Result(status: output.status, stdout: output.stdout, stderr: output.stderr, seconds: seconds)
        let command = "pm \(arguments.joined(separator: " "))"
        #expect([0, 1, 2, 64].contains(result.status), "\(command): killed, crashed or timed out\n\(result)")
        #expect(!result.stderr.contains("Fatal error"), "\(command)\n\(result)")
        #expect(seconds < Double(Self.timeout), "\(command)\n\(result)")
        if let scalar = (result.stdout + result.stderr).unicodeScalars.first(where: HostileRun.isForbidden) {
            Issue.record("\(command) printed U+\(String(scalar.value, radix: 16, uppercase: true))\n\(result)")
        }
        return result
    }

    /// What may never reach a terminal from a document: C0 controls but line feed and tab, DEL, C1 controls
    /// (so also every escape sequence), and the bidirectional embeddings, overrides and isolates.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Records every file around the repository (everything in the temporary folder but the repository itself
    /// and the `site` folder a test names), to compare after the commands ran.
    func snapshot() {
        before = Self.listing(repo.base, skipping: [repo.root, repo.base + "/site"])
    }

    func expectOutsideUnchanged() throws {
        let after = Self.listing(repo.base, skipping: [repo.root, repo.base + "/site"])
        #expect(after == before, "pm wrote outside the repository")
    }

    /// The files outside the repository are unchanged, the working tree is clean, and git finds nothing wrong.
    func expectConsistent() throws {
        try expectOutsideUnchanged()
        #expect(try repo.git(["status", "--porcelain"]) == "")
        let fsck = try repo.gitOutput(["fsck", "--strict"])
        #expect(fsck.status == 0, "\(fsck)")
    }

    /// Path → size and modification time of every file and link below `folder` (links not followed).
    static func listing(_ folder: String, skipping: Set<String>) -> [String: String] {
        var result: [String: String] = [:]
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names {
                let path = current + "/" + name
                guard !skipping.contains(path) else { continue }
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    pending.append(path)
                    result[path] = "folder"
                } else {
                    result[path] = "\(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
                }
            }
        }
        return result
    }
}
