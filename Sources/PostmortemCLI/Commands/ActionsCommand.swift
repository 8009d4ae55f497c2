import Foundation
import Git
import PostmortemKit

/// `pm actions`: every action item across the postmortems at HEAD; `pm actions done REF#N` ticks one and commits.
enum ActionsCommand: Command {
    /// The orders `--sort` offers.
    enum SortKey: String, CaseIterable, Sendable {
        case due, owner, overdue
        case reference = "ref"
    }

    static let onlyOpen = Option.flag("open", help: "Only open items.")
    static let onlyDone = Option.flag("done", help: "Only done items.")
    static let onlyOverdue = Option.flag("overdue", help: "Only open items past their due date.")
    static let dueBefore = Option.value(
        "due-before", name: "date", as: .date, help: "Only items due before this date (YYYY-MM-DD).")
    static let sort = Option.value(
        "sort", name: "key", as: .choice(), default: SortKey.due,
        help: "Sort by due date, owner, days overdue or reference.")
    static let item = Argument.required(
        "item", as: .text, completion: .postmortem,
        help: "The item: <postmortem>#<n>, the postmortem by id, path or unique part of the id.")

    static let spec = CommandSpec(
        name: "actions",
        abstract: "List the action items of every postmortem, or tick one with 'pm actions done'.",
        discussion: """
            Reads the postmortems committed at HEAD, through the search index (brought up to date first). A done \
            item's completion date is the commit that ticked its box; an item is followed from version to \
            version by its action text. Overdue: open, with a due date before today (pm.timezone) or --as-of. \
            Sorted by due date, open items first.
            """,
        options: SharedFilters.options + [
            onlyOpen.spec, onlyDone.spec, onlyOverdue.spec, Filters.owner.spec, dueBefore.spec, CommandContext.asOf.spec,
            sort.spec,
        ],
        subcommands: [
            CommandSpec(
                name: "done", abstract: "Tick an action item's checkbox and commit.",
                discussion: """
                    Changes only the item's checkbox ('[ ]' becomes '[x]'; a table row's Status cell becomes \
                    'done'), checks the postmortem and commits it as 'Close action item <id>#<n>'. Refuses when \
                    the file has uncommitted edits.
                    """,
                options: [CommandContext.noVerify.spec],
                positionals: [item.spec],
                examples: ["pm actions done 2026-11-20-checkout-api-returned-500s#1", "pm actions done checkout#2"])
        ],
        examples: [
            "pm actions --overdue", "pm actions --owner dana --open", "pm actions --due-before 2027-01-01 --json",
            "pm actions done checkout#1",
        ],
        requiresSubcommand: false)

    static func run(_ context: CommandContext) throws -> ExitCode {
        if context.arguments.commandPath.dropFirst(2).first == "done" { return try done(context) }
        let filter = try Filters.parse(context)
        let today = try context.reportDay()
        let dueBefore = context[Self.dueBefore]
        let owners = Filters.owners(context)
        let (onlyOpen, onlyDone, onlyOverdue) = (context[Self.onlyOpen], context[Self.onlyDone], context[Self.onlyOverdue])
        if onlyDone && (onlyOpen || onlyOverdue) {
            let other = onlyOpen ? Self.onlyOpen : Self.onlyOverdue
            throw UsageError(
                message:
                    "'\(Self.onlyDone.spec.displayName)' cannot be combined with '\(other.spec.displayName)': an item is either done or open",
                commandPath: context.arguments.commandPath)
        }
        // Items are large (a dozen strings); they are selected, sorted and printed by index, never copied.
        let items = try context.incidents(filter: filter).flatMap(\.actionItems)
        var selected = items.indices.filter { index in
            if onlyOpen && items[index].isDone || onlyDone && !items[index].isDone { return false }
            if onlyOverdue && !items[index].isOverdue(on: today) { return false }
            if let dueBefore {
                guard let due = items[index].facts.due, due < dueBefore else { return false }
            }
            if !Filters.matches(owner: items[index].facts.owner, among: owners) { return false }
            return true
        }
        selected = order(items, selected, by: context[sort], today: today)
        let timeZone = try context.store().configuration.timeZone
        if context.json {
            context.stdout.line(
                JSONOutput.document(
                    [("actionItems", .array(selected.map { json(items[$0], today: today) }))], version: jsonVersion))
            return .success
        }
        guard !selected.isEmpty else {
            context.note("No action item matches.")
            return .success
        }
        render(items, selected, today: today, timeZone: timeZone, to: context.stdout)
        let open = selected.count(where: { !items[$0].isDone })
        let overdue = selected.count(where: { items[$0].isOverdue(on: today) })
        context.note(
            "\(selected.count) action item\(selected.count == 1 ? "" : "s"): \(open) open (\(overdue) overdue), \(selected.count - open) done"
        )
        return .success
    }

    /// The indices of `selected` items in the order `key` asks for.
    static func order(_ items: [TrackedActionItem], _ selected: [Int], by key: SortKey, today: LocalDate) -> [Int] {
        // Sorted through a key per item, computed once: there may be tens of thousands. Open before done; then by
        // due date (none last); then by reference. Ids and owners are ranked once, so that comparing two items compares whole numbers only. The items of
        // one postmortem come together: ids are ranked run by run, with no hashing.
        var runs: [(id: String, start: Int)] = []
        for (position, index) in selected.enumerated() where runs.last?.id != items[index].postmortemID {
            runs.append((items[index].postmortemID, position))
        }
        var idRanks = [Int](repeating: 0, count: selected.count)
        for (rank, run) in runs.indices.sorted(by: { runs[$0].id < runs[$1].id }).enumerated() {
            let end = run + 1 < runs.count ? runs[run + 1].start : selected.count
            for index in runs[run].start..<end { idRanks[index] = rank }
        }
        func ranks(_ values: [String]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: Array(Set(values)).sorted().enumerated().map { ($1, $0) })
        }
        let ownerNames = key == .owner ? selected.map { (items[$0].facts.owner ?? "\u{10FFFF}").lowercased() } : []
        let ownerRank = ranks(ownerNames)
        struct Key {
            var owner: Int
            var overdue: Int
            var done: Bool
            var due: Int
            var id: Int
            var number: Int
        }
        let keys = selected.indices.map { position in
            let index = selected[position]
            return Key(
                owner: ownerNames.isEmpty ? 0 : ownerRank[ownerNames[position]] ?? 0,
                overdue: items[index].daysOverdue(on: today) ?? Int.min, done: items[index].isDone,
                due: items[index].facts.due?.daysSinceEpoch ?? Int.max, id: idRanks[position], number: items[index].facts.number)
        }
        let sorted = keys.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            func byDue() -> Bool {
                if a.done != b.done { return !a.done }
                if a.due != b.due { return a.due < b.due }
                return (a.id, a.number) < (b.id, b.number)
            }
            switch key {
            case .owner: return a.owner != b.owner ? a.owner < b.owner : byDue()
            case .overdue: return a.overdue != b.overdue ? a.overdue > b.overdue : byDue()
            case .reference: return (a.id, a.number) < (b.id, b.number)
            case .due: return byDue()
            }
        }
        return sorted.map { selected[$0] }
    }

    static func render(_ items: [TrackedActionItem], _ selected: [Int], today: LocalDate, timeZone: TimeZone, to out: Terminal) {
        let rows = selected.map { index -> [String] in
            let item = items[index]
            let late = item.daysOverdue(on: today).map { $0 > 0 ? "\($0)d" : "" } ?? ""
            let state =
                item.isDone ? item.completed.map { "done " + LocalDate($0.date, in: timeZone).description } ?? "done" : "open"
            return [
                item.reference.singleLine, item.facts.owner.map { "@" + $0.singleLine } ?? "-",
                item.facts.due?.description ?? "-", late, state,
                item.facts.ticket?.singleLine ?? "", item.facts.action.singleLine,
            ]
        }
        let table = TableRenderer(
            headers: ["REF", "OWNER", "DUE", "LATE", "STATE", "TICKET", "ACTION"],
            alignments: [.left, .left, .left, .right, .left, .left, .left], flexibleColumn: 6)
        table.write(
            rows, to: out, maxWidth: out.width, headerStyle: { out.styled($0, .bold) },
            cellStyle: { _, column, text in
                switch column {
                case 1 where text == "-": return out.styled(text, .red)
                case 3 where !text.isEmpty: return out.styled(text, .red, .bold)
                case 4 where text.hasPrefix("done"): return out.styled(text, .green)
                default: return text
                }
            })
    }

    // MARK: - pm actions done

    static func done(_ context: CommandContext) throws -> ExitCode {
        let given = try context[item]
        guard let hash = given.lastIndex(of: "#"), let number = Int(given[given.index(after: hash)...]), number > 0,
            hash != given.startIndex
        else {
            throw UsageError(
                message: "Invalid action item '\(given.singleLine)'; write it as <postmortem>#<n>, e.g. checkout#1",
                commandPath: context.arguments.commandPath)
        }
        let rewrite = try CommittedRewrite(String(given[..<hash]), command: "pm actions done", context: context)
        let (file, current) = (rewrite.file, rewrite.current)
        let reference = "\(file.id)#\(number)"
        let rewritten: [UInt8]
        do {
            rewritten = try PostmortemEditor.settingActionItemDone(number: number, done: true, in: file.bytes)
        } catch {
            throw CLIError(
                "\(error.inFile(file.path)); nothing was changed. 'pm actions --json' lists the items with their numbers")
        }
        if rewritten == file.bytes {
            context.note("\(reference) is already done.")
            if context.json {
                context.stdout.line(
                    JSONOutput.document(DoneResult(reference: reference, file: file, commit: nil), version: doneJSONVersion))
            }
            return .success
        }
        let result = try rewrite.commit(
            rewritten, message: "Close action item \(reference)",
            hint:
                "Nothing was changed: \(file.id) does not pass its checks once \(reference) is ticked. Fix it with 'pm edit \(file.id)' first.",
            context: context)
        if context.json {
            context.stdout.line(
                JSONOutput.document(
                    DoneResult(reference: reference, file: file, commit: result?.commit), version: doneJSONVersion))
        } else {
            let action = current.actionItem(number)?.action ?? ""
            context.stdout.line("\(reference): done — \(action.singleLine)")
        }
        return .success
    }

    /// The version of `pm actions --json`'s shape (docs/json/actions.schema.json).
    static let jsonVersion = 1
    /// The version of `pm actions done --json`'s shape (docs/json/actions-done.schema.json).
    static let doneJSONVersion = 1

    /// `pm actions done --json`.
    struct DoneResult: JSONRepresentable {
        let reference: String
        let id: String
        let path: String
        let commit: OID?

        init(reference: String, file: PostmortemFile, commit: OID?) {
            self.reference = reference
            id = file.id
            path = file.path
            self.commit = commit
        }

        var jsonObject: [(String, JSONValue)] {
            [("reference", .string(reference)), ("id", .string(id)), ("path", .string(path)), ("commit", .string(commit?.hex))]
        }
    }

    /// One item of `pm actions --json` (and of `pm remind --format json`), written as a `JSONValue`: there may be
    /// tens of thousands.
    static func json(_ item: TrackedActionItem, today: LocalDate) -> JSONValue {
        let facts = item.facts
        func mark(_ mark: HistoryMark?) -> JSONValue {
            guard let mark else { return .null }
            return .object([
                ("author", .string(mark.author)), ("commit", .string(mark.commit.hex)),
                ("date", .string(Timestamp.iso8601(mark.date))),
            ])
        }
        // In key order, so that writing them sorts nothing.
        return .object([
            ("action", .string(facts.action)), ("completed", mark(item.completed)),
            ("daysOverdue", .int(item.daysOverdue(on: today).map { max(0, $0) })), ("done", .bool(item.isDone)),
            ("due", .string(facts.due?.description)), ("line", .int(facts.line)), ("number", .int(facts.number)),
            ("opened", mark(item.opened)), ("overdue", .bool(item.isOverdue(on: today))), ("owner", .string(facts.owner)),
            (
                "postmortem",
                .object([
                    ("id", .string(item.postmortemID)), ("path", .string(item.path)), ("title", .string(item.postmortemTitle)),
                ])
            ),
            ("priority", .string(facts.priority)), ("reference", .string(item.reference)), ("ticket", .string(facts.ticket)),
            ("type", .string(facts.type)),
        ])
    }
}
