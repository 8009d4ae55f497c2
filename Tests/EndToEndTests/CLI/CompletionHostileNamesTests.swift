import Foundation
import TestSupport
import Testing

/// The completion scripts of the built `pm`, run by the real bash, zsh and fish in a repository whose postmortem file
/// names were written to run commands: every candidate is data. Completing runs nothing, and the word a shell puts on
/// the command line reads back as exactly the file's id when the command runs.
///
/// bash, zsh and fish must be installed (`make test-deps` installs them on Debian): a missing shell fails the test
/// rather than skipping it.
@Suite("Completion with hostile names")
struct CompletionHostileNamesTests {
    /// Ids (file names without `.md`) that would run `touch <marker>`, expand a variable or glob if a shell evaluated
    /// them; each has its own date, so that a prefix of ten characters names one.
    static let datedIDs = [
        "2026-01-01-$(touch cmdsub)", "2026-01-02-`touch backtick`", "2026-01-03-a b 'c' \"d\"", "2026-01-04-*",
        "2026-01-05-$HOME", "2026-01-06-;touch semi;", "2026-01-07-\\x", "2026-01-08-|touch pipe",
        "2026-01-09-&&touch amp",
    ]
    /// The name of the report, and a leading dash and tilde.
    static let ids = datedIDs + ["$(id>X)", "-rf", "~"]
    /// The files the ids would create if a shell ran them.
    static let markers = ["cmdsub", "backtick", "semi", "pipe", "amp", "X"]

    /// A repository with one committed postmortem per id, and `bin/pm` (the built binary) beside it.
    static func repository() throws -> TemporaryRepository {
        let repo = try Fixtures.repositoryWithCommit()
        for id in ids {
            try repo.write("postmortems/\(id).md", Fixtures.postmortem(title: "Hostile name"))
        }
        try repo.commitAll("Add postmortems with hostile names")
        let committed = try repo.git(["ls-files", "-z", "postmortems"]).split(separator: "\0").map(String.init)
        #expect(Set(committed) == Set(ids.map { "postmortems/\($0).md" }))
        let bin = repo.base + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/pm", withDestinationPath: PMBinary.path)
        repo.extraEnvironment["PATH"] = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let listed = try repo.pm(["__complete", "ids"])
        #expect(Set(listed.stdout.lines) == Set(ids), "\(listed)")
        return repo
    }

    /// The path of `shell`; fails the test when it is missing, as Debian has all three.
    static func shell(_ name: String) throws -> String {
        try #require(Shell.which(name), "\(name) is not installed: run 'make test-deps' (apt-get install \(name))")
    }

    /// Writes `pm completion <shell>` to a file beside the repository.
    static func script(_ shell: String, in repo: TemporaryRepository) throws -> String {
        let result = try repo.pm(["completion", shell])
        #expect(result.status == 0, "\(result)")
        let path = repo.base + "/pm-completion." + shell
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Nothing ran: no marker in the repository (git sees no new file), around it, or in HOME.
    static func expectNothingRan(_ repo: TemporaryRepository, _ context: String) throws {
        for folder in [repo.root, repo.base, repo.home] {
            for marker in markers {
                #expect(
                    !FileManager.default.fileExists(atPath: folder + "/" + marker), "\(context): \(folder)/\(marker) was made")
            }
        }
        #expect(try repo.git(["status", "--porcelain"]).isEmpty, "\(context)")
    }

    // MARK: - bash

    /// Sources the script, sets COMP_WORDS and COMP_CWORD, runs `_pm` and prints COMPREPLY, NUL-separated.
    static let bashProgram = """
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=()
        _pm
        for reply in "${COMPREPLY[@]}"; do printf '%s\\0' "$reply"; done
        """

    /// Reads a completed word back the way bash does when the command line runs, and prints the words it makes.
    static let bashRunProgram = #"eval "set -- $1"; printf '%s\0' "$@""#

    @Test("bash: COMPREPLY holds every id quoted, and running the completed line gives the id and runs nothing")
    func bash() throws {
        let repo = try CompletionHostileNamesTests.repository()
        let bash = try CompletionHostileNamesTests.shell("bash")
        let script = try CompletionHostileNamesTests.script("bash", in: repo)
        func complete(_ words: [String]) throws -> [String] {
            let result = try Shell.run(
                bash, ["--norc", "--noprofile", "-c", CompletionHostileNamesTests.bashProgram, "bash", script] + words,
                in: repo.root, environment: repo.environment)
            #expect(result.status == 0, "\(result)")
            return result.stdout.split(separator: "\0").map(String.init)
        }
        func run(_ reply: String) throws -> [String] {
            let result = try Shell.run(
                bash, ["--norc", "--noprofile", "-c", CompletionHostileNamesTests.bashRunProgram, "bash", reply],
                in: repo.root, environment: repo.environment)
            #expect(result.status == 0, "\(result)")
            return result.stdout.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
        }

        let all = try complete(["pm", "show", ""])
        #expect(all.count == CompletionHostileNamesTests.ids.count, "\(all)")
        try CompletionHostileNamesTests.expectNothingRan(repo, "completing 'pm show '")
        #expect(Set(try all.map { try run($0).joined(separator: "\n") }) == Set(CompletionHostileNamesTests.ids))
        try CompletionHostileNamesTests.expectNothingRan(repo, "running the completed words")

        for id in CompletionHostileNamesTests.datedIDs {
            let replies = try complete(["pm", "show", "--rev", "HEAD", String(id.prefix(10))])
            #expect(replies.count == 1, "\(id): \(replies)")
            #expect(try replies.map(run) == [[id]], "\(id): \(replies)")
        }
        try CompletionHostileNamesTests.expectNothingRan(repo, "completing each id")
    }

    // MARK: - zsh

    /// Starts an interactive zsh on a pseudo-terminal (zpty) with compinit and the script, records what `compadd`
    /// adds (`OUT.matches`, unquoted), and for each sequence of keys after OUT types the keys (a TAB completes) and
    /// dumps the command line's words, unquoted as zsh reads them (`OUT.N`).
    static let zshHarness = #"""
        zmodload zsh/zpty || exit 3
        script=$1 out=$2
        shift 2
        zpty pm zsh -f -i
        zpty -w pm 'PS1="" PROMPT="" RPROMPT="" PROMPT_EOL_MARK=""'
        zpty -w pm 'autoload -Uz compinit && compinit -u -D'
        zpty -w pm "source ${(q)script}"
        zpty -w pm "__out=${(q)out} __n=0"
        zpty -w pm 'compadd() {
          if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
          local -a __hits
          builtin compadd -A __hits "$@"
          (( $#__hits )) && print -rl -- "${(@Q)__hits}" >> $__out.matches
          builtin compadd "$@"
        }'
        zpty -w pm '__dump() { local -a w; w=( ${(z)BUFFER} ); print -rl -- "${(@Q)w}" > $__out.tmp;
          mv $__out.tmp $__out.$(( ++__n )); BUFFER=""; }'
        zpty -w pm 'zle -N __dump; bindkey "^T" __dump'
        for keys in "$@"; do zpty -w -n pm "$keys"$'\x14'; done
        for i in {1..600}; do
          [[ -e $out.$# ]] && break
          sleep 0.05
        done
        zpty -d pm
        [[ -e $out.$# ]] || { print -u2 "zsh did not finish completing"; exit 4; }
        """#

    @Test("zsh: compadd gets every id, TAB inserts each quoted, and the line reads back as the id; nothing runs")
    func zsh() throws {
        let repo = try CompletionHostileNamesTests.repository()
        let zsh = try CompletionHostileNamesTests.shell("zsh")
        let script = try CompletionHostileNamesTests.script("zsh", in: repo)
        let harness = repo.base + "/zpty-harness.zsh"
        try Data(CompletionHostileNamesTests.zshHarness.utf8).write(to: URL(fileURLWithPath: harness))
        let out = repo.base + "/zsh-out"
        let keys = ["pm show \t"] + CompletionHostileNamesTests.datedIDs.map { "pm show \($0.prefix(10))\t" }
        let result = try Shell.run(zsh, ["-f", harness, script, out] + keys, in: repo.root, environment: repo.environment)
        #expect(result.status == 0, "\(result)")

        let matches = try SiteCommandTests.read(out + ".matches").split(separator: "\n").map(String.init)
        #expect(Set(matches) == Set(CompletionHostileNamesTests.ids), "\(matches)")
        #expect(try SiteCommandTests.read(out + ".1") == "pm\nshow\n")
        for (index, id) in CompletionHostileNamesTests.datedIDs.enumerated() {
            let words = try SiteCommandTests.read(out + ".\(index + 2)").split(separator: "\n").map(String.init)
            #expect(words == ["pm", "show", id], "\(id): \(words)")
        }
        try CompletionHostileNamesTests.expectNothingRan(repo, "zsh")
    }

    // MARK: - fish

    @Test("fish: complete -C offers every id as it is, and runs nothing")
    func fish() throws {
        let repo = try CompletionHostileNamesTests.repository()
        let fish = try CompletionHostileNamesTests.shell("fish")
        let script = try CompletionHostileNamesTests.script("fish", in: repo)
        func complete(_ line: String) throws -> [String] {
            let result = try Shell.run(
                fish, ["-N", "-c", "source $argv[1]; complete -C $argv[2]", script, line], in: repo.root,
                environment: repo.environment)
            #expect(result.status == 0, "\(result)")
            return result.stdout.lines.map { String($0.prefix { $0 != "\t" }) }
        }
        #expect(Set(try complete("pm show ")) == Set(CompletionHostileNamesTests.ids))
        for id in CompletionHostileNamesTests.datedIDs {
            #expect(try complete("pm show \(id.prefix(10))") == [id], "\(id)")
        }
        try CompletionHostileNamesTests.expectNothingRan(repo, "fish")
    }
}
