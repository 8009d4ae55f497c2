import Foundation
import PostmortemKit

/// `pm status`: moves a postmortem through draft → in-review → published, checking and committing.
enum StatusCommand: Command {
    static let spec = CommandSpec(
        name: "status",
        abstract: "Move a postmortem to draft, in-review or published, and commit.",
        discussion: """
            Rewrites only the 'status:' line of the front matter (line endings and everything else are kept \
            byte for byte), checks the document at its new level and commits it as 'Mark <id> as <status>'. \
            Refuses when the file has uncommitted edits, so none is ever overwritten or committed unseen.
            """,
        options: [CommandContext.noVerifyOption],
        positionals: [
            PositionalSpec(name: "ref", help: "The postmortem: id, path, or unique part of the id.", completion: .postmortem),
            PositionalSpec(
                name: "status", help: "The new status: draft, in-review or published.",
                completion: .list(Status.allCases.map(\.rawValue))),
        ],
        examples: ["pm status checkout in-review", "pm status 2026-11-20-checkout-api-returned-500s published"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let arguments = context.arguments
        let requested = arguments.positional("status") ?? ""
        guard let status = Status(rawValue: requested.lowercased()) else {
            throw UsageError(
                message: "Unknown status '\(requested)'; use draft, in-review or published", commandPath: arguments.commandPath,
                suggestion: EditDistance.nearest(to: requested.lowercased(), among: Status.allCases.map(\.rawValue)))
        }
        let store = try context.store()
        _ = try store.checkWritable(for: "pm status")
        let file = try store.resolveFile(
            arguments.positional("ref") ?? "", at: .workingTree, currentDirectory: context.currentDirectory)
        try store.requireRegularFile(file.path)
        let base = try store.headBlob(of: file.path)
        guard try store.repository.hashWorkingTreeFile(file.path) == base else {
            throw CLIError(
                "\(file.path) has uncommitted changes; pm will not overwrite them or commit them unseen. Commit them with 'pm edit \(file.id)' (or stash them), then run 'pm status' again"
            )
        }
        let current = store.parse(file)
        guard current.errors.isEmpty else {
            throw DocumentProblems(
                errors: current.errors, hint: "Nothing was changed. Fix \(file.path) with 'pm edit \(file.id)' first.")
        }
        if current.status == status {
            context.note("\(file.id) is already \(status.rawValue).")
            if context.json {
                context.stdout.line(
                    try JSONOutput.encode(WriteResult(id: file.id, path: file.path, commit: nil, status: status.rawValue)))
            }
            return .success
        }
        let rewritten = PostmortemEditor.settingFrontMatterValue("status", to: status.rawValue, in: file.bytes)
        try context.verify(
            PostmortemFile(path: file.path, bytes: rewritten), store: store,
            hint: "Nothing was changed: \(file.id) cannot be \(status.rawValue) yet. Fix it with 'pm edit \(file.id)' first.")
        let result = try store.withWriteLock { () throws -> CommitResult? in
            let latest = try WorkingTreeDocument.read(file.path, store: store)
            guard latest.bytes == file.bytes, try !store.hasUncommittedChanges(file.path) else {
                throw CLIError("\(file.path) changed while pm was working; nothing was written. Run 'pm status' again")
            }
            try store.writeWorkingTreeFile(file.path, bytes: rewritten)
            return try store.commitWorkingTreeFiles(
                [file.path], message: "Mark \(file.id) as \(status.rawValue)", expecting: [base])
        }
        context.report(result)
        if context.json {
            context.stdout.line(
                try JSONOutput.encode(WriteResult(id: file.id, path: file.path, commit: result?.commit, status: status.rawValue)))
        } else {
            context.stdout.line("\(file.id): \(current.status?.rawValue ?? "-") → \(status.rawValue)")
        }
        return .success
    }
}
