import Foundation
import TestSupport
import Testing

/// `pm import` on generated collections of each shape teams keep, through the built pm on real repositories: the
/// plan, one commit git sees as renames, nothing lost byte for byte, history followed by git and by pm, and the
/// collection usable by pm afterwards.
@Suite("Importing a collection")
struct ImportTests {
    /// The time the collection is committed at, so that a date from the first commit is known.
    static let collectionDate = ["GIT_AUTHOR_DATE": "2021-06-07T10:00:00Z", "GIT_COMMITTER_DATE": "2021-06-07T10:00:00Z"]

    /// A repository with `files` committed in one commit, and every third one edited in a second.
    static func repository(with files: [ImportCollections.File]) throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        for file in files { try repo.write(file.path, bytes: file.bytes) }
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "-m", "Add the collection"], environment: collectionDate)
        for (index, file) in files.enumerated() where index % 3 == 2 {
            try repo.write(file.path, bytes: file.bytes + Array("\nEdited before the import.\n".utf8))
        }
        try repo.git(["commit", "-q", "-am", "Edit the collection"], environment: collectionDate)
        return repo
    }

    /// The plan's `old → new` pairs, from its lines.
    static func moves(_ stdout: String) -> [String: String] {
        var moves: [String: String] = [:]
        for line in stdout.split(separator: "\n") {
            guard let arrow = line.range(of: " → ") else { continue }
            moves[String(line[..<arrow.lowerBound])] = line[arrow.upperBound...].components(separatedBy: " · ").first
        }
        return moves
    }

    /// The lines of `original` that cannot be found in `converted`: each line is there as it was, or (a field pm
    /// renamed, a heading or label that became a `##` section, the summary moved to its section) its text is.
    static func lostLines(_ original: String, in converted: String) -> [String] {
        let lines = Set(converted.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map(String.init))
        var lost: [String] = []
        for raw in original.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n") {
            let line = raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : String(raw)
            if line.isEmpty || lines.contains(line) || line.allSatisfy({ $0 == "=" }) { continue }
            if let match = line.firstMatch(of: /^#+ (.+)$/), lines.contains("## " + match.output.1) { continue }
            if let match = line.firstMatch(of: /^(?:\*\*|__)([^*_:]+):?(?:\*\*|__):?$/), lines.contains("## " + match.output.1) {
                continue
            }
            if let match = line.firstMatch(of: /^ *- (.+)$/), converted.contains(match.output.1) { continue }
            if let match = line.firstMatch(of: /^[A-Za-z0-9_-]+: ?(.*)$/) {
                var value = String(match.output.1)
                // A key whose value is on the lines below (a block list): its items are checked as lines.
                if value.isEmpty { continue }
                if value.hasPrefix("["), value.hasSuffix("]") {
                    let items = value.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    if items.allSatisfy({ converted.contains($0) }) { continue }
                }
                if value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                }
                if converted.contains(value) { continue }
            }
            lost.append(line)
        }
        return lost
    }

    /// Imports a generated collection of `shape` and checks everything the import promises.
    @Test(
        "a generated collection is imported in one commit git sees as renames, with nothing lost",
        arguments: ImportCollections.Shape.allCases)
    func importCollection(shape: ImportCollections.Shape) throws {
        let files = ImportCollections.make(shape)
        let repo = try Self.repository(with: files)
        let before = try repo.git(["rev-parse", "HEAD"]).trimmed
        let path = shape.folder.map { [$0] } ?? []

        // The plan: one line per file, nothing written.
        let dryRun = try repo.pm(["import", "--dry-run"] + path)
        #expect(dryRun.status == 0, "\(dryRun)")
        let moves = Self.moves(dryRun.stdout)
        #expect(moves.count == files.count, "\(dryRun.stdout)")
        #expect(dryRun.stderr.contains("Would import \(files.count) files into postmortems/"), "\(dryRun.stderr)")
        #expect(try repo.git(["rev-parse", "HEAD"]).trimmed == before)
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")

        let result = try repo.pm(["import"] + path)
        #expect(result.status == 0, "\(result)")
        #expect(Self.moves(result.stdout) == moves)
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
        let commits = Int(try repo.git(["rev-list", "--count", "\(before)..HEAD"]).trimmed) ?? 0
        #expect(commits == 1 || commits == 2, "one import commit, and one before it when a file is too short")
        let renamesOfImport = try repo.git(["diff", "-M", "--name-status", "HEAD~1", "HEAD"]).lines
        let movedFirst = Set(
            dryRun.stdout.split(separator: "\n").filter { $0.contains("moved unchanged") }.compactMap {
                $0.components(separatedBy: " → ").first
            })
        #expect((commits == 2) == !movedFirst.isEmpty)

        for file in files {
            let target = try #require(moves[file.path], "\(file.path) is not in the plan")
            #expect(target.hasPrefix("postmortems/"))
            #expect(!FileManager.default.fileExists(atPath: repo.root + "/" + file.path) || target == file.path)
            let convertedBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: repo.root + "/" + target)))
            let converted = String(decoding: convertedBytes, as: UTF8.self)
            let original = try repo.git(["show", "\(before):\(file.path)"])
            // Byte for byte: every line, or its text where pm renamed or moved it; endings and the BOM as they were.
            #expect(Self.lostLines(original, in: converted) == [], "\(file.path) → \(target)")
            #expect(convertedBytes.starts(with: [0xEF, 0xBB, 0xBF]) == file.bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            if file.text.contains("\r\n") {
                #expect(!converted.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(target) mixes line endings")
            } else {
                #expect(!converted.contains("\r"))
            }
            // git sees the move as a rename, in the import commit or (a short file) in the commit before it.
            if movedFirst.contains(file.path) {
                #expect(renamesOfImport.contains("M\t\(target)"))
                let early = try repo.git(["diff", "-M", "--name-status", "HEAD~2", "HEAD~1"]).lines
                #expect(early.contains("R100\t\(file.path)\t\(target)"), "\(early)")
            } else if target != file.path {
                #expect(
                    renamesOfImport.contains { $0.hasPrefix("R") && $0.hasSuffix("\t\(file.path)\t\(target)") },
                    "\(file.path) → \(target): \(renamesOfImport)")
            }
            // git log --follow reaches the commits before the import.
            let history = try repo.git(["log", "--follow", "--format=%s", "--", target]).lines
            #expect(history.contains("Add the collection"), "\(target): \(history)")
        }

        // pm log follows the same renames.
        for file in files.prefix(6) {
            let target = moves[file.path] ?? ""
            let log = try repo.pm(["log", target])
            #expect(log.status == 0, "\(log)")
            #expect(log.stdout.contains("Add the collection"), "\(target): \(log.stdout)")
            if target != file.path { #expect(log.stdout.contains("renamed from \(file.path)"), "\(log.stdout)") }
        }

        // pm list shows each incident's date.
        let list = try repo.pm(["list", "--json"])
        let listed = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
        let postmortems = listed?["postmortems"] as? [[String: Any]] ?? []
        #expect(postmortems.count == files.count)
        let dates = Dictionary(postmortems.map { (($0["path"] as? String) ?? "", $0["date"] as? String) }) { first, _ in first }
        for file in files {
            let expected = file.date.isEmpty ? "2021-06-07" : file.date
            #expect(dates[moves[file.path] ?? ""] == expected, "\(file.path)")
        }

        // pm stats measures durations from the timestamps the import mapped.
        let stats = try repo.pm(["stats", "--json", "--as-of", "2026-01-01"])
        #expect(stats.status == 0, "\(stats)")
        let total =
            (try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["total"] as? [String: Any]
        #expect(total?["incidents"] as? Int == files.count)
        #expect((total?["timeToResolve"] as? [String: Any])?["count"] as? Int == files.filter(\.hasTimestamps).count)

        // Running it again changes nothing.
        let head = try repo.git(["rev-parse", "HEAD"]).trimmed
        let again = try repo.pm(["import"] + (shape.folder == nil ? [] : ["postmortems"]))
        #expect(again.status == 0, "\(again)")
        #expect(again.stderr.contains("Nothing to import; \(files.count) files already in pm's format"), "\(again)")
        #expect(try repo.git(["rev-parse", "HEAD"]).trimmed == head)
    }
}
