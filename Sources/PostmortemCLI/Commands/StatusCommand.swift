import Foundation
import PostmortemKit

/// `pm status`: moves a postmortem through draft → in-review → published, checking and committing.
enum StatusCommand: Command {
    static let reference = Argument.required(
        "ref", as: .text, completion: .postmortem, help: "The postmortem: id, path, or unique part of the id.")
    static let status = Argument.required(
        "status", as: ArgumentType<Status>.choice(ignoringCase: true), help: "The new status: draft, in-review or published.")

    static let spec = CommandSpec(
        name: "status",
        abstract: "Move a postmortem to draft, in-review or published, and commit.",
        discussion: """
            Rewrites only the 'status:' line of the front matter (line endings and everything else are kept \
            byte for byte), checks the document at its new level and commits it as 'Mark <id> as <status>'. \
            Refuses when the file has uncommitted edits, so none is ever overwritten or committed unseen.
            """,
        options: [CommandContext.noVerify.spec],
        positionals: [reference.spec, status.spec],
        examples: ["pm status checkout in-review", "pm status 2026-11-20-checkout-api-returned-500s published"])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let status = try context[Self.status]
        let rewrite = try CommittedRewrite(try context[reference], command: "pm status", context: context)
        let (file, current) = (rewrite.file, rewrite.current)
        if current.status == status {
            context.note("\(file.id) is already \(status.rawValue).")
            if context.json {
                context.stdout.line(
                    JSONOutput.document(
                        WriteResult(id: file.id, path: file.path, commit: nil, status: status.rawValue), version: jsonVersion))
            }
            return .success
        }
        let result = try rewrite.commit(
            PostmortemEditor.settingFrontMatterValue("status", to: status.rawValue, in: file.bytes),
            message: "Mark \(file.id) as \(status.rawValue)",
            hint: "Nothing was changed: \(file.id) cannot be \(status.rawValue) yet. Fix it with 'pm edit \(file.id)' first.",
            context: context)
        if context.json {
            context.stdout.line(
                JSONOutput.document(
                    WriteResult(id: file.id, path: file.path, commit: result?.commit, status: status.rawValue),
                    version: jsonVersion))
        } else {
            context.stdout.line("\(file.id): \(current.status?.rawValue ?? "-") → \(status.rawValue)")
        }
        return .success
    }

    /// The version of `pm status --json`'s shape (docs/json/status.schema.json).
    static let jsonVersion = 1
}
