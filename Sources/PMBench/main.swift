import Foundation

/// `pm-bench`: builds a deterministic repository of postmortems and times pm beside git in the same run.
///
///     pm-bench generate <dir> [--postmortems N] [--seed S]
///     pm-bench check-staged <dir> --pm <path> [--runs R]
enum Bench {
    static func main() -> Int32 {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else { return usage() }
        arguments.removeFirst()
        func option(_ name: String, default value: String) -> String {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
            return arguments[index + 1]
        }
        guard let directory = arguments.first, !directory.hasPrefix("-") else { return usage() }
        do {
            switch command {
            case "generate":
                guard let count = Int(option("--postmortems", default: "10000")), count > 0,
                    let seed = UInt64(option("--seed", default: "42"))
                else { return usage() }
                try generate(directory, postmortems: count, seed: seed)
            case "check-staged":
                guard let runs = Int(option("--runs", default: "21")), runs > 0 else { return usage() }
                try checkStaged(directory, pm: option("--pm", default: "pm"), runs: runs)
            default:
                return usage()
            }
        } catch {
            FileHandle.standardError.write(Data("pm-bench: \(error)\n".utf8))
            return 2
        }
        return 0
    }

    static func usage() -> Int32 {
        FileHandle.standardError.write(
            Data(
                "usage: pm-bench generate <dir> [--postmortems N] [--seed S]\n       pm-bench check-staged <dir> --pm <path> [--runs R]\n"
                    .utf8))
        return 64
    }

    /// Writes N postmortems into a new repository at `directory` and commits them; reuses one made with the same
    /// parameters.
    static func generate(_ directory: String, postmortems count: Int, seed: UInt64) throws {
        let marker = directory + "/.git/pm-bench"
        let parameters = "postmortems=\(count) seed=\(seed)\n"
        if (try? String(contentsOfFile: marker, encoding: .utf8)) == parameters {
            print("Reusing \(directory) (\(parameters.trimmingCharacters(in: .newlines)))")
            return
        }
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory + "/postmortems", withIntermediateDirectories: true)
        try run("git", ["init", "-q", "-b", "main"], in: directory)
        var generator = PostmortemGenerator(random: SeededGenerator(seed: seed))
        let start = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
        var seen = Set<String>()
        for number in 0..<count {
            var (id, text) = generator.postmortem(number: number, date: start.addingTimeInterval(Double(number) * 7_200))
            if !seen.insert(id).inserted { id += "-\(number)" }
            try text.write(toFile: "\(directory)/postmortems/\(id).md", atomically: false, encoding: .utf8)
        }
        try run("git", ["add", "-A"], in: directory)
        try run(
            "git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "Postmortems"],
            in: directory)
        try parameters.write(toFile: marker, atomically: true, encoding: .utf8)
        print("Generated \(count) postmortems in \(directory) (seed \(seed))")
    }

    /// Stages one changed postmortem and times `pm check --staged` beside `git diff --cached --name-only`.
    static func checkStaged(_ directory: String, pm: String, runs: Int) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/postmortems").filter { $0.hasSuffix(".md") }
            .sorted()
        guard let first = files.first else { throw BenchError("no postmortems in \(directory); run generate first") }
        let path = "postmortems/" + first
        let original = try String(contentsOfFile: directory + "/" + path, encoding: .utf8)
        try (original + "\n## Lessons learned\nRetries need a budget.\n").write(
            toFile: directory + "/" + path, atomically: true, encoding: .utf8)
        defer {
            try? original.write(toFile: directory + "/" + path, atomically: true, encoding: .utf8)
            _ = try? run("git", ["reset", "-q", "--", path], in: directory)
        }
        try run("git", ["add", path], in: directory)
        let pmTimes = try (0..<runs).map { _ in try time(pm, ["check", "--staged"], in: directory, expecting: [0, 1]) }
        let gitTimes = try (0..<runs).map { _ in
            try time("git", ["diff", "--cached", "--name-only"], in: directory, expecting: [0])
        }
        let pm50 = percentile(pmTimes, 0.5)
        let git50 = percentile(gitTimes, 0.5)
        print("pm check --staged: one staged postmortem of \(files.count), \(runs) runs")
        for (name, times) in [("pm check --staged", pmTimes), ("git diff --cached --name-only", gitTimes)] {
            let label = name.padding(toLength: 32, withPad: " ", startingAt: 0)
            print(String(format: "  %@ p50 %7.1f ms   p95 %7.1f ms", label, percentile(times, 0.5), percentile(times, 0.95)))
        }
        print(String(format: "  pm / git: %.1f×   target: pm p50 ≤ 20 ms: %@", pm50 / git50, pm50 <= 20 ? "met" : "NOT MET"))
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    /// Milliseconds of wall time for one run, process start included.
    static func time(_ program: String, _ arguments: [String], in directory: String, expecting statuses: Set<Int32>) throws
        -> Double
    {
        let start = DispatchTime.now().uptimeNanoseconds
        let status = try run(program, arguments, in: directory, quiet: true)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        guard statuses.contains(status) else {
            throw BenchError("\(program) \(arguments.joined(separator: " ")) exited \(status)")
        }
        return elapsed
    }

    /// Runs a program and waits, with posix_spawn: Foundation's Process adds tens of milliseconds per launch,
    /// which would drown what is measured.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], in directory: String, quiet: Bool = false) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The bench is single-threaded: change folder around the spawn (glibc's addchdir is not exposed to Swift).
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(directory) else { throw BenchError("cannot enter \(directory)") }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(program): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        if !quiet, code != 0 {
            throw BenchError("\(program) \(arguments.joined(separator: " ")) exited \(code)")
        }
        return code
    }
}

/// A benchmark step that could not run.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

exit(Bench.main())
