import Foundation

/// The `generate` and `generate-documents` commands: a git repository holding a generated history, or the one
/// already there when it was made with the same parameters.
struct RepositoryGenerator {
    let directory: String
    /// What the history is made from, recorded in the repository: one made from other parameters is made again.
    let parameters: String
    /// What the history holds, for the message (`10,000 postmortems (seed 42)`).
    let summary: String
    /// Whether to pack the history again after fast-import, finding deltas between versions.
    let repack: Bool

    /// Changes whenever the postmortem generator writes a different history for the same parameters, so that an
    /// older repository is made again rather than reused.
    static let format = 2

    /// Changes whenever the document generator writes a different history for the same parameters.
    static let documentsFormat = 2

    /// The branch the history is on.
    static let branch = "main"

    /// The file in the git directory that records the parameters a repository was generated with.
    private var marker: String { directory + "/.git/pm-bench" }

    /// A repository of `postmortems` generated postmortems over `commits` commits (`GeneratedHistory`).
    static func postmortems(directory: String, postmortems: Int, commits: Int, seed: UInt64) -> RepositoryGenerator {
        RepositoryGenerator(
            directory: directory, parameters: "format=\(format) postmortems=\(postmortems) commits=\(commits) seed=\(seed)",
            summary: "\(ReportFormat.count(postmortems)) postmortems (seed \(seed))",
            repack: false)
    }

    /// A repository of `documents` real-shaped documents (`DocumentHistory`).
    static func documents(directory: String, documents: Int, seed: UInt64) -> RepositoryGenerator {
        RepositoryGenerator(
            directory: directory, parameters: "documents-format=\(documentsFormat) documents=\(documents) seed=\(seed)",
            summary: "\(ReportFormat.count(documents)) documents (seed \(seed))", repack: true)
    }

    /// Writes `history` into the repository, unless it is there already.
    func generate<History: Sequence>(_ history: History) throws where History.Element == GeneratedCommit {
        if reuse(parameters) {
            print("Reusing \(directory) (\(parameters))")
            return
        }
        try makeEmptyDirectory()
        let start = DispatchTime.now().uptimeNanoseconds
        try ChildProcess.run("git", ["init", "-q", "-b", Self.branch], in: directory)
        // Marks the folder as pm-bench's at once, so that a later run may replace it if this one is interrupted.
        try "incomplete\n".write(toFile: marker, atomically: true, encoding: .utf8)
        let stream = try FastImportStream(repository: directory, branch: Self.branch)
        var commits = 0
        var versions = 0
        var bytes = 0
        for commit in history {
            try stream.append(commit)
            commits += 1
            for case .write(_, let text) in commit.changes {
                versions += 1
                bytes += text.utf8.count
            }
        }
        try stream.finish()
        // fast-import deltas a blob only against the one written before it, another document's: pack the history
        // as a clone would get it, each version a delta of a neighbour, so that git and pm read what they would.
        if repack { try ChildProcess.run("git", ["repack", "-a", "-d", "-f", "-q"], in: directory) }
        // fast-import writes objects and refs only: check the branch out into the working tree and git's index.
        try ChildProcess.run("git", ["reset", "--hard", "-q"], in: directory)
        let head = try ChildProcess.capture("git", ["rev-parse", "HEAD"], in: directory).output
        try (parameters + "\nhead=" + String(decoding: head, as: UTF8.self)).write(
            toFile: marker, atomically: true, encoding: .utf8)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
        print(
            "Generated \(directory): \(summary): \(ReportFormat.count(commits)) commits writing "
                + "\(ReportFormat.count(versions)) versions (\(ReportFormat.mebibytes(bytes: bytes)) of text) in "
                + "\(String(format: "%.1f", seconds)) s")
    }

    /// Whether the repository there was generated with `parameters` and still has its commit; if so, puts its
    /// branch, index and working tree back to that commit, undoing what an interrupted benchmark left behind.
    private func reuse(_ parameters: String) -> Bool {
        guard let lines = try? String(contentsOfFile: marker, encoding: .utf8).split(separator: "\n"), lines.count == 2,
            lines[0] == parameters, lines[1].hasPrefix("head=")
        else { return false }
        let head = String(lines[1].dropFirst("head=".count))
        return (try? ChildProcess.run("git", ["reset", "--hard", "-q", head], in: directory)) != nil
    }

    /// Makes `directory` an empty folder: creates it, or empties one an earlier run generated (it has the marker);
    /// refuses any other folder that is not empty, which could be someone's work.
    private func makeEmptyDirectory() throws {
        let files = FileManager.default
        if let contents = try? files.contentsOfDirectory(atPath: directory), !contents.isEmpty {
            guard files.fileExists(atPath: marker) else {
                throw BenchError("\(directory) is not empty and was not made by pm-bench generate; choose another folder")
            }
            try files.removeItem(atPath: directory)
        }
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
}
