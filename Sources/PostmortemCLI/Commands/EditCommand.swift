import Foundation
import PostmortemKit

/// `pm edit`: opens the editor on a postmortem, checks it, commits the change.
enum EditCommand: Command {
    static let reference = Argument.required(
        "ref", as: .text, completion: .postmortem, help: "The postmortem: id, path, or unique part of the id.")

    static let spec = CommandSpec(
        name: "edit",
        abstract: "Edit a postmortem, check it, and commit the change.",
        discussion: """
            Opens $VISUAL or $EDITOR (then vi) on the file when run on a terminal. Off a terminal no editor is \
            opened: pm checks and commits the file as it is in the working tree, so any tool can edit it first. \
            Only that file is committed; a file that does not parse is not committed and is kept as it is. A file \
            moved by hand ('git mv' or 'mv') is committed as a rename, with the removal of its old path.
            """,
        options: [CommandContext.noVerify.spec],
        positionals: [reference.spec],
        examples: ["pm edit checkout", "EDITOR=nano pm edit 2026-11-20-checkout-api-returned-500s"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let store = try context.store()
        _ = try store.checkWritable(for: "pm edit")
        let file = try store.resolveFile(try context[reference], at: .workingTree, currentDirectory: context.currentDirectory)
        try store.requireRegularFile(file.path)
        // What HEAD held before editing: if another commit changes the file meanwhile, pm refuses to commit over it.
        let base = try store.headBlob(of: file.path)
        if let editor = Editor.command(environment: context.environment, interactive: context.isInteractive) {
            try Editor.edit(store.workingDirectory.map { $0 + "/" + file.path } ?? file.path, command: editor)
        }
        // The editor may have replaced the file (with a link, say): check again before reading it.
        try store.requireRegularFile(file.path)
        let edited = try WorkingTreeDocument.read(file.path, store: store)
        // A file moved by hand ('git mv', or 'mv') is committed as the rename it is, not as a new file beside a
        // deletion left staged: 'git log --follow' and 'pm log' keep its history, and the baseline its findings.
        let source = base == nil ? try store.movedFrom(file.path) : nil
        try context.verify(
            edited, store: store,
            hint: "Nothing was committed; \(file.path) is kept as it is. Fix it, then run 'pm edit \(file.id)' again.",
            movedFrom: source)
        var files = [FileCommit(path: file.path, content: .checked(edited.bytes), base: .some(base))]
        var message = "\(base == nil ? "Add" : "Update") postmortem \(file.id)"
        if let source {
            files += try store.filesFollowingMove(from: source, to: file.path, command: "pm edit")
            message = "Rename postmortem \(PostmortemFile(path: source, bytes: []).id) to \(file.id)"
        }
        let result = try store.commit(files, message: message)
        if result == nil { context.note("No changes to commit in \(file.path).") }
        context.report(result)
        if context.json {
            context.stdout.line(
                JSONOutput.document(WriteResult(id: file.id, path: file.path, commit: result?.commit), version: jsonVersion))
        }
        return .success
    }

    /// The version of `pm edit --json`'s shape (docs/json/edit.schema.json).
    static let jsonVersion = 1
}
