import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// pm beside the git commands people run every day, in loops against the real `git`: whatever the interleaving,
/// every commit either side reported stays reachable, `git fsck --strict` is clean, the working tree and the index
/// keep every edit, and no lock is left behind. `PM_RACE_ITERATIONS` sets the loop length (`make stress` runs
/// thousands).
@Suite("Beside everyday git")
struct EverydayGitTests {
    static let iterations = ProcessInfo.processInfo.environment["PM_RACE_ITERATIONS"].flatMap(Int.init) ?? 25

    /// Scripts run side by side with bash, in the repository, with `$PM` set to the built pm.
    private func sideBySide(_ repo: TemporaryRepository, _ scripts: [String]) throws -> [ProcessOutput] {
        // Generous: the loops share two cores with the rest of the suite.
        let timeout = max(600, Double(Self.iterations) * 2)
        var processes: [(Process, String, String)] = []
        for (number, script) in scripts.enumerated() {
            let process = Process()
            let out = repo.base + "/side-\(number).out"
            let err = repo.base + "/side-\(number).err"
            for path in [out, err] where !FileManager.default.createFile(atPath: path, contents: nil) {
                throw TestFailure("cannot create \(path)")
            }
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script]
            process.currentDirectoryURL = URL(fileURLWithPath: repo.root)
            process.environment = repo.environment.merging(["PM": PMBinary.path, "N": "\(Self.iterations)"]) { $1 }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle(forWritingAtPath: out)
            process.standardError = FileHandle(forWritingAtPath: err)
            try process.run()
            processes.append((process, out, err))
        }
        let deadline = Date().addingTimeInterval(timeout)
        return processes.map { process, out, err in
            while process.isRunning, Date() < deadline { usleep(10_000) }
            if process.isRunning {
                Issue.record("a loop was still running after \(Int(timeout)) s and was stopped; what follows is not meaningful")
                process.terminate()
            }
            process.waitUntilExit()
            return ProcessOutput(
                status: process.terminationStatus, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
        }
    }

    /// The commit ids in a sequence of pm's `--json` outputs.
    private func commits(inJSONLines output: String) -> [String] {
        let pattern = /"commit" *: *"([0-9a-f]{40})"/
        return output.matches(of: pattern).map { String($0.output.1) }
    }

    /// What must hold after every race: each reported commit on the branch, fsck clean, no lock left.
    private func expectSafe(_ repo: TemporaryRepository, reported: [String], _ context: String) throws {
        var lost: [String] = []
        for commit in reported {
            let ancestor = try repo.gitOutput(["merge-base", "--is-ancestor", commit, "main"])
            if ancestor.status != 0 { lost.append(commit) }
        }
        #expect(lost.isEmpty, "\(context): \(lost.count) of \(reported.count) reported commits are not on main: \(lost)")
        let fsck = try repo.gitOutput(["fsck", "--strict", "--no-progress", "--no-dangling"])
        #expect(fsck.status == 0 && fsck.stdout.isEmpty, "\(context): \(fsck)")
        #expect(RepositoryChecks.gitLockFiles(repo) == [], "\(context)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: repo.root + "/.git").filter { $0.contains(".pm-") } == [])
    }

    /// The commits of `reported` that are off the branch because a `reset: moving to HEAD` entry of its reflog moved
    /// it from a commit that held them to one that does not: git's reset, not pm, dropped them.
    private func rewoundByGitReset(_ repo: TemporaryRepository, _ reported: [String]) throws -> Set<String> {
        let entries = try repo.git(["reflog", "show", "--format=%H %gs", "main"]).lines.map {
            (hash: String($0.prefix(40)), subject: String($0.dropFirst(41)))
        }
        var rewound: Set<String> = []
        for commit in reported where try repo.gitOutput(["merge-base", "--is-ancestor", commit, "main"]).status != 0 {
            for (position, entry) in entries.enumerated() where entry.subject.hasPrefix("reset: moving to HEAD") {
                guard position + 1 < entries.count else { continue }
                let before = entries[position + 1].hash
                if try repo.gitOutput(["merge-base", "--is-ancestor", commit, before]).status == 0,
                    try repo.gitOutput(["merge-base", "--is-ancestor", commit, entry.hash]).status != 0
                {
                    rewound.insert(commit)
                    break
                }
            }
        }
        return rewound
    }

    /// A retrying git command in bash, as a user who sees "index.lock exists" runs it again.
    private static func retrying(_ command: String) -> String {
        "tries=0; until \(command); do tries=$((tries+1)); [ $tries -gt 500 ] && { echo \"gave up: \(command)\" >&2; break; }; sleep 0.01; done"
    }

    @Test("pm new beside a git commit -a loop: every commit of both lands, every edit is committed")
    func besideCommitAll() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("notes.txt", "")
        try repo.commitAll("Notes")
        let outputs = try sideBySide(
            repo,
            [
                "for i in $(seq 1 $N); do \"$PM\" new \"Race $i\" --date 2026-01-01 --no-edit --json || echo \"pm failed $i\" >&2; done",
                """
                for i in $(seq 1 $N); do
                    echo "note $i" >> notes.txt
                    \(Self.retrying("out=$(git commit -a -m \"note $i\" 2>&1)"))
                    printf '%s\\n' "$out" | sed -n 's/^\\[main \\([0-9a-f]*\\)\\].*/\\1/p'
                done
                """,
            ])
        let pmCommits = commits(inJSONLines: outputs[0].stdout)
        #expect(pmCommits.count == Self.iterations, "\(outputs[0])")
        #expect(!outputs[0].stderr.contains("pm failed"), "\(outputs[0].stderr)")
        let gitCommits = outputs[1].stdout.lines
        #expect(gitCommits.count == Self.iterations, "\(outputs[1])")
        try expectSafe(repo, reported: pmCommits + gitCommits, "commit -a")
        #expect(try repo.git(["show", "main:notes.txt"]).lines.count == Self.iterations)
        let status = try repo.git(["status", "--porcelain", "--untracked-files=all"])
        #expect(status == "", "\(status.lines.prefix(10))")
        let committed = try repo.git(["ls-tree", "--name-only", "main", "postmortems/"]).lines.count
        #expect(committed == Self.iterations)
    }

    @Test("pm new beside a git stash / git stash pop loop: no pm commit or file is lost but to git reset's own window")
    func besideStash() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("notes.txt", "")
        try repo.commitAll("Notes")
        let outputs = try sideBySide(
            repo,
            [
                "for i in $(seq 1 $N); do \"$PM\" new \"Stash race $i\" --date 2026-01-01 --no-edit --json || echo \"pm failed $i\" >&2; done",
                """
                for i in $(seq 1 $N); do
                    echo "wip $i" >> notes.txt
                    \(Self.retrying("git stash push -q"))
                    \(Self.retrying("git stash pop -q"))
                done
                """,
            ])
        let pmCommits = commits(inJSONLines: outputs[0].stdout)
        #expect(pmCommits.count == Self.iterations, "\(outputs[0])")
        // git's own window: `git reset --hard`, which `git stash` runs, reads HEAD before it takes the index lock, so
        // a commit that starts and ends in between (git's or pm's) is reset away, as the branch's reflog shows. Those
        // are counted and reported; any other loss fails.
        let rewound = try rewoundByGitReset(repo, pmCommits)
        try expectSafe(repo, reported: pmCommits.filter { !rewound.contains($0) }, "stash")
        print(
            "stash: \(rewound.count) of \(pmCommits.count) pm commits reset away by git reset's own window (kept in the reflog)")
        #expect(
            rewound.count <= max(1, Self.iterations / 50),
            "\(rewound.count) of \(Self.iterations) is more than git's window explains")
        let onBranch = try repo.git(["ls-tree", "--name-only", "main", "postmortems/"]).lines
        #expect(onBranch.count == Self.iterations - rewound.count)
        for path in onBranch { #expect(FileManager.default.fileExists(atPath: repo.root + "/" + path), "\(path) gone from disk") }
        // Every line the user wrote is back in the working tree, and git sees nothing else changed.
        let notes = try repo.read("notes.txt").lines
        for number in 1...Self.iterations { #expect(notes.contains("wip \(number)"), "wip \(number) lost") }
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == " M notes.txt\n")
    }

    @Test("pm status beside a git add loop: every file the user staged stays staged")
    func besideAdd() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        let outputs = try sideBySide(
            repo,
            [
                """
                for i in $(seq 1 $N); do
                    if [ $((i % 2)) = 1 ]; then s=in-review; else s=draft; fi
                    "$PM" status checkout $s --json || echo "pm failed $i" >&2
                done
                """,
                "for i in $(seq 1 $N); do echo $i > staged-$i.txt; \(Self.retrying("git add staged-$i.txt")); done",
            ])
        let pmCommits = commits(inJSONLines: outputs[0].stdout)
        #expect(pmCommits.count == Self.iterations, "\(outputs[0])")
        try expectSafe(repo, reported: pmCommits, "add")
        let staged = try repo.git(["diff", "--cached", "--name-only"]).lines
        #expect(staged.count == Self.iterations, "staged: \(staged)")
        #expect(try repo.git(["status", "--porcelain"]).lines.allSatisfy { $0.hasPrefix("A  staged-") })
    }

    @Test("pm status beside an editor that keeps saving the same file: no save is ever overwritten")
    func besideEditorSaves() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let path = "postmortems/2026-11-20-checkout.md"
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem() + "\n## Notes\n")
        let outputs = try sideBySide(
            repo,
            [
                """
                for i in $(seq 1 $((N * 2))); do
                    if [ $((i % 2)) = 1 ]; then s=in-review; else s=draft; fi
                    "$PM" status checkout $s --json 2>/dev/null
                done
                """,
                """
                for i in $(seq 1 $N); do
                    echo "- Saved line $i." >> \(path)
                    \(Self.retrying("out=$(git commit -m \"save $i\" -- \(path) 2>&1)"))
                    printf '%s\\n' "$out" | sed -n 's/^\\[main \\([0-9a-f]*\\)\\].*/\\1/p'
                    sleep 0.0$((i % 5))
                done
                """,
            ])
        let pmCommits = commits(inJSONLines: outputs[0].stdout)
        #expect(pmCommits.count > 0, "pm status never ran between the saves: \(outputs[0])")
        try expectSafe(repo, reported: pmCommits + outputs[1].stdout.lines, "editor saves")
        let saved = try repo.read(path).lines.filter { $0.hasPrefix("- Saved line ") }
        #expect(saved.count == Self.iterations, "\(Self.iterations - saved.count) saved lines lost")
        #expect(try repo.git(["show", "main:" + path]).lines.filter { $0.hasPrefix("- Saved line ") }.count == Self.iterations)
        #expect(try repo.git(["status", "--porcelain"]) == "")
        print("editor saves: \(pmCommits.count) pm status commits beside \(Self.iterations) saves")
    }

    /// An editor for `git commit` that holds it open for `seconds`, then writes the message.
    private func slowEditor(_ repo: TemporaryRepository, seconds: Double) throws -> String {
        let editor = repo.base + "/slow-editor.sh"
        try "#!/bin/sh\nsleep \(seconds)\necho 'Commit made while pm waited' > \"$1\"\n".write(
            toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        return editor
    }

    @Test("git commit -a with its editor open: pm waits, then refuses and changes nothing; branch and index never part")
    func commitAllWithEditorOpen() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("notes.txt", "one\n")
        try repo.commitAll("Notes")
        try repo.write("notes.txt", "one\ntwo\n")
        let before = try repo.git(["rev-parse", "main"]).trimmed
        let editor = try slowEditor(repo, seconds: 3)
        let outputs = try sideBySide(
            repo,
            [
                "GIT_EDITOR='\(editor)' git commit -a -q",
                "until [ -e .git/index.lock ]; do sleep 0.01; done; PM_LOCK_TIMEOUT=0.5 \"$PM\" new 'While git edits' --date 2026-01-01 --no-edit",
            ])
        #expect(outputs[0].status == 0, "\(outputs[0])")
        #expect(outputs[1].status == 2, "\(outputs[1])")
        #expect(outputs[1].stderr.contains("pm changed nothing"), "\(outputs[1])")
        // git's commit is the only one; the postmortem was never written; git's index is git's.
        #expect(try repo.git(["rev-list", "--count", "\(before)..main"]).trimmed == "1")
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Commit made while pm waited")
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
        try expectSafe(repo, reported: [], "editor open")
        // With the default wait, pm goes ahead once git has finished.
        try repo.write("notes.txt", "one\ntwo\nthree\n")
        let second = try sideBySide(
            repo,
            [
                "GIT_EDITOR='\(editor)' git commit -a -q",
                "until [ -e .git/index.lock ]; do sleep 0.01; done; \"$PM\" new 'After git' --date 2026-01-01 --no-edit --json",
            ])
        #expect(second[0].status == 0 && second[1].status == 0, "\(second)")
        #expect(second[1].stderr.contains("waiting for another git process"), "\(second[1])")
        try expectSafe(repo, reported: commits(inJSONLines: second[1].stdout), "after git")
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
    }

    @Test("a pm killed while it waits for git's index.lock never makes the next pm remove a live git's lock")
    func killedWaiterNeverRemovesLiveLock() throws {
        let repo = try Fixtures.repositoryWithCommit()
        try repo.write("notes.txt", "one\n")
        try repo.commitAll("Notes")
        try repo.write("notes.txt", "one\ntwo\n")
        let editor = try slowEditor(repo, seconds: 4)
        let outputs = try sideBySide(
            repo,
            [
                "GIT_EDITOR='\(editor)' git commit -a -q",
                """
                until [ -e .git/index.lock ]; do sleep 0.01; done
                "$PM" new 'Killed while waiting' --date 2026-01-01 --no-edit 2> ../waiter.err & waiter=$!
                until grep -q 'waiting for another git' ../waiter.err; do sleep 0.01; done
                kill -9 $waiter; wait $waiter
                PM_LOCK_TIMEOUT=0.5 "$PM" new 'Next writer' --date 2026-01-01 --no-edit; echo "next: $?"
                """,
            ])
        #expect(outputs[0].status == 0, "git commit -a lost its lock: \(outputs[0])")
        #expect(outputs[1].stdout.contains("next: 2"), "\(outputs[1])")
        #expect(!outputs[1].stderr.contains("removed"), "\(outputs[1])")
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Commit made while pm waited")
        #expect(try repo.git(["show", "HEAD:notes.txt"]) == "one\ntwo\n")
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
        try expectSafe(repo, reported: [], "killed waiter")
    }

    @Test("pm status and pm actions done refuse an edit that exists only in the index, and change nothing")
    func indexOnlyEditIsKept() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let path = "postmortems/2026-11-20-checkout.md"
        try Fixtures.commitPostmortem(repo, id: "2026-11-20-checkout", text: Fixtures.postmortem())
        // Staged, then the working tree put back: the edit lives only in the index.
        try repo.write(path, Fixtures.postmortem(extraSummary: " Staged only."))
        try repo.git(["add", path])
        try repo.git(["restore", "--source=HEAD", "--worktree", path])
        let staged = try repo.git(["diff", "--cached"])
        for arguments in [["status", "checkout", "in-review"], ["actions", "done", "checkout#1"]] {
            let result = try repo.pm(arguments)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.stderr.contains("staged changes"), "\(arguments): \(result)")
            #expect(try repo.git(["diff", "--cached"]) == staged)
            #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmed == "2")
        }
    }

    /// Runs `pm new` on a pseudo-terminal (so it opens `editor`), in the repository.
    private func newWithEditor(_ repo: TemporaryRepository, title: String, editor: String) throws -> ProcessOutput {
        try Shell.run(
            "/usr/bin/timeout",
            ["60", "/usr/bin/script", "-qec", "'\(PMBinary.path)' new '\(title)' --date 2026-01-01", "/dev/null"],
            in: repo.root, environment: repo.environment.merging(["EDITOR": editor]) { $1 })
    }

    private func script(_ repo: TemporaryRepository, _ name: String, _ body: String) throws -> String {
        let path = repo.base + "/" + name
        try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test("pm new stopped (SIGTERM, SIGHUP) with its editor open removes its untouched draft, and keeps an edited one")
    func stoppedNewCleansUp() throws {
        let repo = try Fixtures.repositoryWithCommit()
        // pm execs a plain editor command through its shell, so the editor's parent is pm.
        for signal in ["TERM", "HUP"] {
            let untouched = try script(
                repo, "stop-\(signal).sh", "kill -\(signal) $PPID\nsleep 2\n")
            let result = try newWithEditor(repo, title: "Stopped \(signal)", editor: untouched)
            #expect(result.status != 0, "\(result)")
            #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "", "\(signal): \(result)")
        }
        let edited = try script(
            repo, "edit-then-stop.sh", "echo 'More notes.' >> \"$1\"\nkill -TERM $PPID\nsleep 2\n")
        let result = try newWithEditor(repo, title: "Edited then stopped", editor: edited)
        #expect(result.status != 0, "\(result)")
        #expect(
            try repo.git(["status", "--porcelain", "--untracked-files=all"])
                == "?? postmortems/2026-01-01-edited-then-stopped.md\n")
        #expect(result.stdout.contains("Kept postmortems/2026-01-01-edited-then-stopped.md"), "\(result)")
    }

    @Test("a pm new killed with its editor open leaves a draft that the next pm writer removes (untouched) or keeps (edited)")
    func killedNewDraftIsSettled() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let killer = try script(repo, "kill9.sh", "kill -9 $PPID\nsleep 1\n")
        _ = try newWithEditor(repo, title: "Killed draft", editor: killer)
        #expect(
            try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "?? postmortems/2026-01-01-killed-draft.md\n")
        // The next pm writer (here another pm new, killed too) settles the first draft.
        let editKiller = try script(repo, "edit-kill9.sh", "echo 'Notes.' >> \"$1\"\nkill -9 $PPID\nsleep 1\n")
        let second = try newWithEditor(repo, title: "Killed edited draft", editor: editKiller)
        #expect(second.stdout.contains("removed postmortems/2026-01-01-killed-draft.md"), "\(second)")
        let next = try repo.pm(["new", "Next", "--date", "2026-01-02", "--no-edit"])
        #expect(next.status == 0, "\(next)")
        #expect(next.stderr.contains("kept postmortems/2026-01-01-killed-edited-draft.md"), "\(next)")
        #expect(
            try repo.git(["status", "--porcelain", "--untracked-files=all"])
                == "?? postmortems/2026-01-01-killed-edited-draft.md\n")
    }

    @Test("pm new whose draft a concurrent git add -A && git commit swept up fails clearly, without a commit of its own")
    func sweptDraftIsReported() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let sweeper = try script(
            repo, "sweep.sh", "echo 'Edited.' >> \"$1\"\ngit add -A && git commit -q -m 'Sweep everything'\n")
        let result = try newWithEditor(repo, title: "Swept", editor: sweeper)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.contains("changed in another commit"), "\(result)")
        #expect(try repo.git(["log", "-1", "--format=%s"]).trimmed == "Sweep everything")
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
    }

    @Test("a failed pm new or pm init (no identity, a stale index.lock) leaves no file behind")
    func failedNewLeavesNothing() throws {
        let repo = try Fixtures.repositoryWithCommit()
        let gitFolder = repo.root + "/.git"
        try #require(FileManager.default.createFile(atPath: gitFolder + "/index.lock", contents: nil))
        let locked = try repo.pm(["new", "Locked", "--no-edit"], environment: ["PM_LOCK_TIMEOUT": "0.2"])
        #expect(locked.status == 2, "\(locked)")
        #expect(locked.stderr.contains("rm \(gitFolder)/index.lock"), "\(locked)")
        let badTimeout = try repo.pm(["new", "Bad timeout", "--no-edit"], environment: ["PM_LOCK_TIMEOUT": "ten"])
        #expect(badTimeout.status == 2 && badTimeout.stderr.contains("PM_LOCK_TIMEOUT='ten' is not a number"), "\(badTimeout)")
        let initLocked = try repo.pm(["init", "--no-hooks"], environment: ["PM_LOCK_TIMEOUT": "0.2"])
        #expect(initLocked.status == 2, "\(initLocked)")
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
        unlink(gitFolder + "/index.lock")
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
        let anonymous = try repo.pm(
            ["new", "Anonymous", "--no-edit"],
            environment: ["GIT_AUTHOR_NAME": "", "GIT_COMMITTER_NAME": "", "GIT_AUTHOR_EMAIL": "", "GIT_COMMITTER_EMAIL": ""])
        #expect(anonymous.status != 0, "\(anonymous)")
        #expect(try repo.git(["status", "--porcelain", "--untracked-files=all"]) == "")
    }
}
