import Foundation
import PostmortemKit

/// `pm mv`: renames a postmortem (file name, id, date, title) in one commit git sees as a rename.
enum MoveCommand: Command {
    static let date = Option.value("date", name: "date", as: .date, help: "Set the incident date (YYYY-MM-DD).")
    static let title = Option.value("title", name: "title", as: .text, help: "Set the title.")
    static let reference = Argument.required(
        "ref", as: .text, completion: .postmortem, help: "The postmortem: id, path, or unique part of the id.")

    static let spec = CommandSpec(
        name: "mv",
        abstract: "Rename a postmortem: new date or title, file name and id to match, in one commit.",
        discussion: """
            Sets 'date:' and 'title:' in the front matter (only those lines change) and renames the file to the id \
            they make (YYYY-MM-DD-slug, with -2, -3, … on a clash), in the folder it is in. Without --date or \
            --title, renames the file to match the date and title it already has. Other postmortems whose \
            'related:' or 'supersedes:' name the old id are updated in the same commit, which git sees as a \
            rename: 'git log --follow' and 'pm log' show the history from before the move. Refuses when a file it \
            would change has uncommitted edits. A file moved by hand ('git mv') is committed as a rename by \
            'pm edit'.
            """,
        options: [date.spec, title.spec, CommandContext.noVerify.spec],
        positionals: [reference.spec],
        examples: [
            "pm mv checkout --date 2026-11-21", "pm mv checkout --title \"Checkout API returned 500s to EU customers\"",
            "pm mv checkout",
        ])

    static func run(_ context: CommandContext) throws -> ExitCode {
        let rewrite = try CommittedRewrite(try context[reference], command: "pm mv", context: context)
        let (store, file) = (rewrite.store, rewrite.file)
        var bytes = file.bytes
        if let title = context[Self.title] {
            guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !title.contains(where: \.isNewline) else {
                throw UsageError(
                    message: "Invalid value for '--title <title>'; expected one line of text",
                    commandPath: context.arguments.commandPath)
            }
            bytes = PostmortemEditor.settingFrontMatterValue("title", to: title, in: bytes)
        }
        if let date = context[Self.date] {
            bytes = PostmortemEditor.settingFrontMatterValue("date", to: date.description, in: bytes)
        }
        let renamed = store.parse(PostmortemFile(path: file.path, bytes: bytes))
        guard let date = renamed.date else {
            throw CLIError(
                "\(file.path) has no date: pm names a postmortem after its incident date. Give one with --date YYYY-MM-DD")
        }
        let baseID = PostmortemID.make(date: date, title: renamed.title ?? renamed.displayTitle).rawValue
        let move = try store.move(rewrite.committed, to: bytes, baseID: baseID) { moved in
            try context.verify(
                moved, store: store,
                hint:
                    "Nothing was changed: \(file.id) would not pass the checks once renamed. Fix it with 'pm edit \(file.id)' first.",
                movedFrom: file.path)
        }
        if move.result == nil {
            context.note("\(file.id) is already named after its date and title; nothing to rename.".terminalSafe)
        } else if !context.json {
            context.stdout.line(
                (move.path == file.path ? "\(file.path): the id stays \(file.id)" : "\(file.path) → \(move.path)").terminalSafe)
            for reference in move.references {
                context.stdout.line("  updated the reference to \(file.id) in \(reference)".terminalSafe)
            }
        }
        context.report(move.result)
        if context.json {
            context.stdout.line(JSONOutput.document(MoveResult(move), version: jsonVersion))
        }
        return .success
    }

    /// The version of `pm mv --json`'s shape (docs/json/mv.schema.json).
    static let jsonVersion = 1

    /// `pm mv --json`.
    struct MoveResult: JSONRepresentable {
        let move: PostmortemMove

        init(_ move: PostmortemMove) { self.move = move }

        var jsonObject: [(String, JSONValue)] {
            [
                ("id", .string(move.id)), ("path", .string(move.path)), ("previousId", .string(move.previous.id)),
                ("previousPath", .string(move.previous.path)), ("references", .array(move.references.map { .string($0) })),
                ("commit", .string(move.result?.commit.hex)),
            ]
        }
    }
}
