import Foundation
import TestSupport
import Testing

/// A postmortem whose file name is not UTF-8 (`postmortems/\xff\xfe.md`, committed with git): every command names
/// it once, with the bad bytes escaped, and carries on with the others.
@Suite("Non-UTF-8 file names")
struct NonUTF8FileNameTests {
    static let escaped = "postmortems/\\xff\\xfe.md"
    static let warning = "warning: \(escaped): the file name is not valid UTF-8"

    /// A clean postmortem and a copy of it under a name of two bytes that are not UTF-8, committed with git.
    static func repository() throws -> TemporaryRepository {
        let repo = try CheckFixtures.repository()
        try repo.write(CheckFixtures.path, CheckFixtures.published())
        // The name cannot be a Swift string: the shell writes the bytes.
        let copy = try Shell.run(
            "/bin/sh", ["-c", "cp \"$1\" \"postmortems/$(printf '\\377\\376').md\"", "sh", CheckFixtures.path], in: repo.root,
            environment: repo.environment)
        #expect(copy.status == 0, "\(copy)")
        try repo.commitAll("Add two postmortems")
        let listed = try repo.git(["-c", "core.quotePath=true", "ls-files", "postmortems"])
        #expect(listed.contains("\"postmortems/\\377\\376.md\""), "git has the file: \(listed)")
        return repo
    }

    static func expectReported(_ result: ProcessOutput, _ command: [String], status: Int32 = 0) {
        #expect(result.status == status, "pm \(command.joined(separator: " ")): \(result)")
        #expect(result.stderr.components(separatedBy: warning).count - 1 == 1, "named once: \(command) \(result.stderr)")
        #expect(!result.stderr.contains("permissions"), "\(command): \(result)")
        #expect(!result.stdout.contains("\u{FFFD}") && !result.stderr.contains("\u{FFFD}"), "\(command): \(result)")
    }

    @Test("pm list and pm check in the working tree, at HEAD and over a range report the file and check the rest")
    func listAndCheck() throws {
        let repo = try Self.repository()
        let list = try repo.pm(["list"])
        Self.expectReported(list, ["list"])
        #expect(list.stdout.contains(CheckFixtures.id))
        let listAtHead = try repo.pm(["list", "--rev", "HEAD"])
        Self.expectReported(listAtHead, ["list", "--rev", "HEAD"])
        #expect(listAtHead.stdout.contains(CheckFixtures.id))
        for command in [["check"], ["check", "--all"], ["check", "--rev", "HEAD"], ["check", "--rev", "HEAD~1..HEAD"]] {
            let result = try repo.pm(command)
            Self.expectReported(result, command)
            #expect(result.stderr.contains("No problems in 1 postmortem"), "\(command): \(result)")
        }
        let json = try repo.pm(["list", "--json"])
        Self.expectReported(json, ["list", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["postmortems"] as? [Any])?.count == 1)
    }

    @Test("pm check --staged reports a staged change to the file and checks the other staged ones")
    func staged() throws {
        let repo = try Self.repository()
        let append = try Shell.run(
            "/bin/sh", ["-c", "echo >> \"postmortems/$(printf '\\377\\376').md\""], in: repo.root, environment: repo.environment)
        #expect(append.status == 0)
        try repo.write(CheckFixtures.path, CheckFixtures.published(owner: false))
        try repo.git(["add", "-A"])
        let result = try repo.pm(["check", "--staged"])
        Self.expectReported(result, ["check", "--staged"], status: 1)
        #expect(result.stdout.contains(CheckFixtures.ownerFinding))
        #expect(try repo.git(["diff", "--cached", "--name-only", "-z"]).split(separator: "\0").count == 2)
    }

    @Test("search, search --history, actions and log build the index without the file, and say so")
    func searchAndHistory() throws {
        let repo = try Self.repository()
        let search = try repo.pm(["search", "failover"])
        Self.expectReported(search, ["search"])
        #expect(search.stdout.contains(CheckFixtures.id))
        let history = try repo.pm(["search", "--history", "failover", "--json"])
        #expect(history.status == 0, "\(history)")
        #expect(!history.stdout.contains("\u{FFFD}"))
        let rebuilt = try repo.pm(["index", "--rebuild"])
        Self.expectReported(rebuilt, ["index", "--rebuild"])
        for command in [["actions"], ["stats"], ["log", CheckFixtures.id], ["show", CheckFixtures.id]] {
            let result = try repo.pm(command)
            #expect(result.status == 0, "\(command): \(result)")
            #expect(!result.stdout.contains("\u{FFFD}"), "\(command): \(result)")
        }
    }
}
