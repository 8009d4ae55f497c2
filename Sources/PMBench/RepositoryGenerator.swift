import Foundation

/// The `generate` command: a git repository holding a generated history of postmortems, or the one already there
/// when it was made with the same parameters.
struct RepositoryGenerator {
    let directory: String
    let postmortems: Int
    let commits: Int
    let seed: UInt64

    /// Changes whenever the generator writes a different history for the same parameters, so that an older
    /// repository is made again rather than reused.
    static let format = 2

    /// The branch the history is on.
    static let branch = "main"

    /// The file in the git directory that records the parameters a repository was generated with.
    private var marker: String { directory + "/.git/pm-bench" }

    func generate() throws {
        let parameters = "format=\(Self.format) postmortems=\(postmortems) commits=\(commits) seed=\(seed)"
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
        for commit in GeneratedHistory(postmortems: postmortems, commits: commits, seed: seed) {
            try stream.append(commit)
        }
        try stream.finish()
        // fast-import writes objects and refs only: check the branch out into the working tree and git's index.
        try ChildProcess.run("git", ["reset", "--hard", "-q"], in: directory)
        let head = try ChildProcess.capture("git", ["rev-parse", "HEAD"], in: directory).output
        try (parameters + "\nhead=" + String(decoding: head, as: UTF8.self)).write(
            toFile: marker, atomically: true, encoding: .utf8)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
        print(
            "Generated \(directory): \(ReportFormat.count(postmortems)) postmortems, \(ReportFormat.count(commits)) commits "
                + "(seed \(seed)) in \(String(format: "%.1f", seconds)) s")
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
