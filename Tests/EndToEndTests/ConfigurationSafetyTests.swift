import Foundation
import TestSupport
import Testing

/// `.pmconfig` comes with a cloned repository: it may not make pm read files outside it, however an include is
/// spelled, nor cost unbounded memory.
@Suite("ConfigurationSafety")
struct ConfigurationSafetyTests {
    @Test("an include is refused however it is spelled: BOM, FF, VT, CR before it, CRLF lines, spaces in the header")
    func includeSpellings() throws {
        let repo = try Fixtures.repositoryWithCommit()
        // If pm read this file, its invalid value would be the error.
        let outside = repo.base + "/outside.cfg"
        try Data("[pm]\n\tseverities = \"!!\"\n".utf8).write(to: URL(fileURLWithPath: outside))
        let spellings = [
            "\u{FEFF}[include]\n\tpath = \(outside)\n", "\u{0C}[include]\n\tpath = \(outside)\n",
            "\u{0B}[include]\n\tpath = \(outside)\n", "\r[include]\n\tpath = \(outside)\n",
            "[pm]\r\n\tdirectory = postmortems\r\n[include]\r\n\tpath = \(outside)\r\n",
            "[ Include ]\n\tpath = \(outside)\n", "[includeIf \"gitdir:/\"]\n\tpath = \(outside)\n",
        ]
        for text in spellings {
            try repo.write(".pmconfig", text)
            let result = try repo.pm(["list"])
            #expect(result.status == 2, "\(text.debugDescription): \(result)")
            #expect(result.stderr.contains("includes ([include] or [includeIf]) are not allowed"), "\(text.debugDescription)")
            #expect(!result.stderr.contains("!!"), "\(text.debugDescription): the outside file was read")
        }
    }

    @Test("a .pmconfig over 1 MiB is refused with its size, in the working tree and at HEAD of a bare repository")
    func hugeConfiguration() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let huge = "[pm]\n\tdirectory = postmortems\n" + String(repeating: "# padding padding padding\n", count: 50_000)
        try repo.write(".pmconfig", huge)
        let result = try repo.pm(["list"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("pm reads at most 1048576 bytes"), "\(result)")
        try repo.commitAll("A huge configuration")
        let server = try TemporaryRepository(bare: true)
        try repo.git(["push", "-q", server.root, "main"])
        let bare = try server.pm(["check", "--rev", "HEAD~1..HEAD"])
        #expect(bare.status == 2, "\(bare)")
        #expect(bare.stderr.contains("pm reads at most 1048576 bytes"), "\(bare)")
    }
}
