import Git
import PostmortemKit

/// The write path of the commands that change one committed postmortem in place (`pm status`, `pm actions done`):
/// the file must be committed as it is and parse; the new bytes are checked, then written and committed under
/// the write lock, and only if nothing changed the file meanwhile.
struct CommittedRewrite {
    let store: PostmortemStore
    let file: PostmortemFile
    /// The document as committed, parsed.
    let current: Postmortem
    let base: OID?
    /// `pm status`: how the messages name the command.
    let command: String

    /// Resolves `reference` in the working tree and refuses a file with uncommitted edits or parse errors.
    init(_ reference: String, command: String, context: CommandContext) throws {
        self.command = command
        store = try context.store()
        _ = try store.checkWritable(for: command)
        file = try store.resolveFile(reference, at: .workingTree, currentDirectory: context.currentDirectory)
        try store.requireRegularFile(file.path)
        base = try store.headBlob(of: file.path)
        guard try store.repository.hashWorkingTreeFile(file.path) == base else {
            throw CLIError(
                "\(file.path) has uncommitted changes; pm will not overwrite them or commit them unseen. Commit them with 'pm edit \(file.id)' (or stash them), then run '\(command)' again"
            )
        }
        current = store.parse(file)
        guard current.errors.isEmpty else {
            throw DocumentProblems(
                errors: current.errors, hint: "Nothing was changed. Fix \(file.path) with 'pm edit \(file.id)' first.")
        }
    }

    /// Checks `rewritten` (its errors, with `hint`, stop it), writes it and commits that path as `message`.
    func commit(_ rewritten: [UInt8], message: String, hint: String, context: CommandContext) throws -> CommitResult? {
        try context.verify(PostmortemFile(path: file.path, bytes: rewritten), store: store, hint: hint)
        let result = try store.withWriteLock { () throws -> CommitResult? in
            let latest = try WorkingTreeDocument.read(file.path, store: store)
            guard latest.bytes == file.bytes, try !store.hasUncommittedChanges(file.path) else {
                throw CLIError("\(file.path) changed while pm was working; nothing was written. Run '\(command)' again")
            }
            try store.writeWorkingTreeFile(file.path, bytes: rewritten)
            return try store.commitWorkingTreeFiles([file.path], message: message, expecting: [base])
        }
        context.report(result)
        return result
    }
}
