import Git
import PostmortemKit

/// What the commands that change one committed postmortem in place (`pm status`, `pm actions done`) share: the
/// file must be committed as it is and parse; the new bytes are checked, then handed to the store's write path,
/// which commits them only if nothing changed the file meanwhile.
struct CommittedRewrite {
    let store: PostmortemStore
    let committed: CommittedPostmortem
    /// The document as committed, parsed.
    let current: Postmortem

    var file: PostmortemFile { committed.file }

    /// Resolves `reference` in the working tree and refuses a file with uncommitted edits or parse errors.
    init(_ reference: String, command: String, context: CommandContext) throws {
        store = try context.store()
        committed = try store.committedPostmortem(reference, currentDirectory: context.currentDirectory, command: command)
        current = store.parse(committed.file)
        guard current.errors.isEmpty else {
            throw DocumentProblems(
                errors: current.errors, hint: "Nothing was changed. Fix \(file.path) with 'pm edit \(file.id)' first.")
        }
    }

    /// Checks `rewritten` (its errors, with `hint`, stop it), then writes and commits it as `message`.
    func commit(_ rewritten: [UInt8], message: String, hint: String, context: CommandContext) throws -> CommitResult? {
        try context.verify(PostmortemFile(path: file.path, bytes: rewritten), store: store, hint: hint)
        let result = try store.rewrite(committed, to: rewritten, message: message)
        context.report(result)
        return result
    }
}
