import Foundation
import TestSupport
import Testing

/// `pm-bench generate-documents` (the real-shaped history `make bench` measures pm on) and the libgit2 floor program,
/// checked with git on small variants: the history is the same for a seed, and it is what docs/performance.md says.
@Suite("Bench: the real-shaped history and the floor program")
struct RealShapedHistoryTests {
    static var bench: String {
        URL(fileURLWithPath: PMBinary.path).deletingLastPathComponent().appendingPathComponent("pm-bench").path
    }

    /// A repository generated with `documents` documents from `seed`, in a fresh temporary folder.
    func generate(documents: Int, seed: Int) throws -> TemporaryRepository {
        try #require(FileManager.default.isExecutableFile(atPath: Self.bench), "build pm-bench first: swift build")
        let repo = try TemporaryRepository(initialize: false)
        let result = try Shell.run(
            Self.bench, ["generate-documents", repo.root, "--documents", "\(documents)", "--seed", "\(seed)"], in: repo.base,
            environment: repo.environment)
        try #require(result.status == 0, "\(result)")
        return repo
    }

    @Test("the same seed gives the same commits, another seed other ones")
    func sameSeedSameCommits() throws {
        let first = try generate(documents: 6, seed: 15)
        let again = try generate(documents: 6, seed: 15)
        let other = try generate(documents: 6, seed: 16)
        let commits = try first.git(["rev-list", "--all"])
        #expect(commits.lines.count > 30)
        #expect(try again.git(["rev-list", "--all"]) == commits)
        #expect(try other.git(["rev-parse", "HEAD"]) != first.git(["rev-parse", "HEAD"]))
        // A second run with the same parameters keeps the repository as it is.
        let rerun = try Shell.run(
            Self.bench, ["generate-documents", first.root, "--documents", "6", "--seed", "15"], in: first.base,
            environment: first.environment)
        #expect(rerun.status == 0 && rerun.stdout.hasPrefix("Reusing"), "\(rerun)")
        #expect(try first.git(["rev-list", "--all"]) == commits)
        #expect(try first.git(["status", "--porcelain"]).isEmpty)
    }

    @Test(
        "every version is 10 to 60 KiB; documents have headings, long code blocks in several languages and front matter on postmortems"
    )
    func documentsLookReal() throws {
        let repo = try generate(documents: 12, seed: 7)
        let objects = try repo.git(["rev-list", "--objects", "--all", "--", "postmortems"])
        let sizes = try Shell.run(
            Shell.which("git") ?? "git", ["cat-file", "--batch-check=%(objecttype) %(objectsize) %(rest)"], in: repo.root,
            environment: repo.environment, input: objects
        ).stdout.lines.compactMap { line -> Int? in
            let fields = line.split(separator: " ")
            return fields.count == 3 && fields[0] == "blob" ? Int(fields[1]) : nil
        }
        #expect(sizes.count > 12 * 6, "about ten versions a document: \(sizes.count)")
        #expect(sizes.allSatisfy { (10_240...61_440).contains($0) }, "\(sizes.filter { !(10_240...61_440).contains($0) })")

        let files = try repo.git(["ls-files", "--", "postmortems"]).lines
        var languages: Set<String> = []
        var longestCode = 0
        var words: Set<Substring> = []
        for file in files {
            let text = try repo.read(file)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if file.contains("/rfcs/") {
                #expect(lines.contains("# Summary") && lines.contains("# Motivation"), "\(file)")
            } else {
                #expect(text.hasPrefix("---\ntitle: \""), "\(file)")
                #expect(lines.contains("## Root cause") && lines.contains("## Action items"), "\(file)")
            }
            var fenceStart: Int?
            for (index, line) in lines.enumerated() where line.hasPrefix("```") {
                if let start = fenceStart {
                    longestCode = max(longestCode, index - start - 1)
                    fenceStart = nil
                } else {
                    fenceStart = index
                    languages.insert(String(line.dropFirst(3)))
                }
            }
            #expect(fenceStart == nil, "an unclosed code block in \(file)")
            for word in text.split(whereSeparator: { !$0.isLetter }) { words.insert(word) }
        }
        #expect(languages.count >= 4, "\(languages)")
        #expect(longestCode >= 40)
        #expect(words.count > 3_000, "a large vocabulary: \(words.count) words")
    }

    @Test("commits touch one to three documents with small edits; git sees the renames and the deletes")
    func historyLooksReal() throws {
        let repo = try generate(documents: 12, seed: 7)
        let log = try repo.git(["log", "--format=@%H", "--numstat", "-M", "--", "postmortems"])
        var changes: [[(added: Int, deleted: Int)]] = []
        for line in log.lines {
            if line.hasPrefix("@") {
                changes.append([])
            } else {
                let fields = line.split(separator: "\t")
                if fields.count == 3, let added = Int(fields[0]), let deleted = Int(fields[1]) {
                    changes[changes.count - 1].append((added, deleted))
                }
            }
        }
        #expect(changes.allSatisfy { (1...3).contains($0.count) })
        // A revision changes a few lines: the median commit that adds nothing whole is small.
        let edits = changes.filter { $0.allSatisfy { $0.deleted > 0 } }.map { $0.reduce(0) { $0 + $1.added + $1.deleted } }
        #expect(edits.count > 50)
        #expect(edits.sorted()[edits.count / 2] <= 20, "\(edits.sorted())")

        let renames = try repo.git(["log", "--all", "-M", "--diff-filter=R", "--name-status", "--format="]).lines
        #expect(renames.count >= 2, "\(renames)")
        let renamed = try #require(renames.first?.split(separator: "\t").last.map(String.init))
        let followed = try repo.git(["log", "--follow", "--format=%H", "--", renamed]).lines.count
        let unfollowed = try repo.git(["log", "--format=%H", "--", renamed]).lines.count
        #expect(followed > unfollowed, "git log --follow finds the versions from before \(renamed) was renamed")
        #expect(try !repo.git(["log", "--all", "--diff-filter=D", "--name-only", "--format="]).lines.isEmpty)
    }

    @Test("the rare word is in one document at HEAD and one only in history, and pm finds both")
    func rareWordForTheHistorySearch() throws {
        let repo = try generate(documents: 8, seed: 7)
        #expect(try repo.git(["grep", "-l", "-w", "zeppelin", "HEAD", "--", "postmortems"]).lines.count == 1)
        #expect(try repo.git(["log", "-G", "zeppelin", "--all", "--format=%H"]).lines.count >= 3)
        let result = try repo.pm(["search", "--history", "zeppelin", "--json"])
        #expect(result.status == 0, "\(result)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let hits = try #require(object?["hits"] as? [[String: Any]], "\(result)")
        // Two documents: one whose version at HEAD has the word, one whose versions with it are all in the past.
        let current = hits.map { hit in
            (hit["revisions"] as? [[String: Any]] ?? []).contains { $0["current"] as? Bool == true }
        }
        #expect(current.sorted { !$0 && $1 } == [false, true], "\(result)")
    }

    @Test("pm-bench documents prints every target with its verdict and leaves the repository as it found it")
    func documentsReport() throws {
        let repo = try generate(documents: 4, seed: 3)
        let head = try repo.git(["rev-parse", "HEAD"])
        let result = try Shell.run(
            Self.bench, ["documents", repo.root, "--pm", PMBinary.path, "--floor", "/bin/true", "--runs", "2", "--updates", "3"],
            in: repo.base, environment: repo.environment)
        #expect(result.status == 0, "\(result)")
        let summary = result.stdout.split(separator: "\n").drop { !$0.hasPrefix("Targets on the real-shaped history") }
        for target in [
            "full build ≤ 2× git log -p", "pm search --history ≥ 150× faster than git log -G",
            "any single update ≤ 10× the median",
            "peak memory of any pm process ≤ 200 MiB", "pm search latency ≤ 10 ms above the libgit2 floor",
            "pm check --staged ≤ 10 ms above the libgit2 floor", "index ≤ 0.5× the raw text",
        ] {
            #expect(
                summary.contains { ($0.hasPrefix("  met ") || $0.hasPrefix("  NOT MET ")) && $0.contains(target) },
                "no verdict for '\(target)' in:\n\(result.stdout)")
        }
        #expect(try repo.git(["rev-parse", "HEAD"]) == head)
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
        let missing = try Shell.run(
            Self.bench, ["documents", repo.root, "--pm", PMBinary.path], in: repo.base, environment: repo.environment)
        #expect(missing.status == 64 && missing.stderr.contains("documents needs --floor"), "\(missing)")
    }

    @Test("the floor program opens the repository it is run in, and says when there is none")
    func floorProgram() throws {
        let repo = try generate(documents: 3, seed: 1)
        let floor = repo.base + "/pm-floor"
        let source = PMBinary.packageRoot + "/Sources/PMFloor/main.c"
        let compiled = try Shell.run(
            "/bin/sh", ["-c", "cc -O2 -o \"$0\" \"$1\" $(pkg-config --cflags --libs libgit2)", floor, source], in: repo.base,
            environment: repo.environment)
        try #require(compiled.status == 0, "\(compiled)")
        let opened = try Shell.run(floor, [], in: repo.root + "/postmortems", environment: repo.environment)
        #expect(opened.status == 0 && opened.stdout.isEmpty && opened.stderr.isEmpty, "\(opened)")
        let nowhere = try Shell.run(floor, [repo.home], in: repo.base, environment: repo.environment)
        #expect(nowhere.status == 2, "\(nowhere)")
        #expect(nowhere.stderr.contains("cannot open a git repository at or above '\(repo.home)'"), "\(nowhere)")
        let usage = try Shell.run(floor, ["a", "b"], in: repo.base, environment: repo.environment)
        #expect(usage.status == 64 && usage.stderr.contains("usage: pm-floor [folder]"), "\(usage)")
    }
}
