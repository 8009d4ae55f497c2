import Foundation
import Git
import TestSupport
import Testing

@testable import PostmortemKit

/// The rename score pm computes before it commits is the one git prints (`R062`), and libgit2's agrees on which moves
/// are renames, on files of every size.
@Suite struct RenameSimilarityTests {
    /// Pairs of an original and a converted version: short and long, with and without CRLF, a missing last newline.
    static func pairs() -> [(old: String, new: String)] {
        var random = SeededRandom(seed: 20_261_203)
        let words = ["pool", "primary", "failover", "checkout", "the", "replica", "alert", "dns", "cache", "timeout", "zürich"]
        func line(_ count: Int) -> String {
            (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
        }
        var pairs: [(String, String)] = []
        for index in 0..<40 {
            let lines = (0..<(1 + index % 13)).map { _ in line(2 + Int(random.next() % 30)) }
            var old = lines.joined(separator: "\n") + "\n"
            var added = ["---", "title: \(line(3))", "date: 2026-11-20", "status: draft", "---"]
            if index % 3 == 0 { added.append("## Summary") }
            // Every fourth pair has most of its lines rewritten, so that some fall below the threshold.
            let rewrite = index % 4 == 1 ? 2 : 4
            var new =
                (added + lines.enumerated().map { $0 % rewrite == rewrite - 1 ? line(4) : $1 }).joined(separator: "\n") + "\n"
            if index % 5 == 0 {
                old = old.replacingOccurrences(of: "\n", with: "\r\n")
                new = new.replacingOccurrences(of: "\n", with: "\r\n")
            }
            if index % 7 == 0 {
                old.removeLast()
                new.removeLast()
            }
            pairs.append((old, new))
        }
        return pairs
    }

    @Test("git's score, computed by pm, is the similarity git itself prints for the rename")
    func matchesGit() throws {
        let repo = try TemporaryRepository()
        let pairs = Self.pairs()
        for (index, pair) in pairs.enumerated() { try repo.write("old/\(index).md", pair.old) }
        try repo.commitAll("Originals")
        for (index, pair) in pairs.enumerated() {
            try FileManager.default.removeItem(atPath: repo.root + "/old/\(index).md")
            try repo.write("new/\(index).md", pair.new)
        }
        try repo.commitAll("Moved and converted")
        var printed: [String: Int] = [:]
        for line in try repo.git(["diff", "-M", "--name-status", "HEAD~1", "HEAD"]).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3, fields[0].hasPrefix("R"), let score = Int(fields[0].dropFirst()) else { continue }
            printed[String(fields[2])] = score
        }
        var renames = 0
        var below = 0
        for (index, pair) in pairs.enumerated() {
            let score = RenameSimilarity.gitScore(Array(pair.old.utf8), Array(pair.new.utf8))
            let gitScore = printed["new/\(index).md"]
            if score >= RenameSimilarity.threshold {
                #expect(gitScore == score, "pair \(index): pm says \(score), git \(gitScore.map(String.init) ?? "no rename")")
                renames += 1
            } else {
                #expect(gitScore == nil, "pair \(index): pm says \(score), below the threshold, but git found a rename")
                below += 1
            }
        }
        #expect(renames > 5 && below > 5, "the pairs cover both sides of the threshold")
    }

    @Test("libgit2's score decides as libgit2's rename detection does on the same trees")
    func matchesLibgit2() throws {
        let repo = try TemporaryRepository()
        let pairs = Self.pairs()
        for (index, pair) in pairs.enumerated() { try repo.write("old/\(index).md", pair.old) }
        try repo.commitAll("Originals")
        for (index, pair) in pairs.enumerated() {
            try FileManager.default.removeItem(atPath: repo.root + "/old/\(index).md")
            try repo.write("new/\(index).md", pair.new)
        }
        try repo.commitAll("Moved and converted")
        let repository = try Repository.discover(from: repo.root)
        let head = try repository.commit(revision: "HEAD")
        let parent = try repository.commit(revision: "HEAD~1")
        let renames = try repository.renames(from: parent.treeID, to: head.treeID)
        for (index, pair) in pairs.enumerated() {
            let score = Similarity.libgit2Score(Array(pair.old.utf8), Array(pair.new.utf8))
            #expect(
                (renames["new/\(index).md"] == "old/\(index).md") == (score >= RenameSimilarity.threshold),
                "pair \(index): libgit2 score \(score)")
        }
    }
}
