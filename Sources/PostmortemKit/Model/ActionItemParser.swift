import Foundation

/// Reads action items from the blocks of the Action items section.
struct ActionItemParser {
    var items: [ActionItem] = []
    var errors: [DocumentError] = []

    /// The field keys recognised in item text.
    static let keys: Set<String> = ["owner", "due", "ticket", "type", "priority"]

    mutating func read(_ blocks: [Block]) {
        for block in blocks {
            switch block.kind {
            case .list:
                for item in block.children { readListItem(item) }
            case .table(let table):
                readTable(table)
            default:
                continue
            }
        }
    }

    mutating func readListItem(_ block: Block) {
        guard let details = block.listItem else { return }
        let lines = block.children.first?.paragraphLines ?? []
        let text = lines.isEmpty ? PositionedText(text: "", position: block.range.end) : PositionedText(lines: lines)
        var item = ActionItem(
            number: items.count + 1, position: block.range.start, range: block.range,
            form: details.checkbox == nil ? .listItem : .taskList, checkbox: details.checkbox,
            isDone: details.checkbox?.isChecked ?? false, action: "", actionPosition: text.position(at: 0),
            fields: [], owner: nil, due: nil, dueText: nil, ticket: nil, type: nil, typeText: nil, priority: nil)
        let (actionRange, fields) = ActionItemParser.split(text)
        item.action = text.string(actionRange)
        item.actionPosition = text.position(at: actionRange.lowerBound)
        item.fields = fields
        apply(&item)
        items.append(item)
    }

    mutating func readTable(_ table: Block.Table) {
        var columns: [String?] = table.header.cells.map { ActionItemParser.columnKey($0.text) }
        if !columns.contains("action"), !columns.isEmpty, columns[0] == nil { columns[0] = "action" }
        for row in table.rows {
            var item = ActionItem(
                number: items.count + 1, position: row.range.start, range: row.range, form: .tableRow,
                checkbox: nil, isDone: false, action: "", actionPosition: row.range.start, fields: [], owner: nil,
                due: nil, dueText: nil, ticket: nil, type: nil, typeText: nil, priority: nil)
            for (index, cell) in row.cells.enumerated() {
                guard index < columns.count, let key = columns[index] else { continue }
                if key == "action" {
                    if item.action.isEmpty {
                        item.action = cell.text
                        item.actionPosition = cell.range.start
                    }
                    continue
                }
                item.fields.append(
                    ActionItemField(key: key, value: cell.text, keyPosition: cell.range.start, valueRange: cell.range))
            }
            if let status = item.field("status") {
                let value = status.value.lowercased().trimmingCharacters(in: .whitespaces)
                item.isDone = ActionItemParser.doneWords.contains(value)
            }
            apply(&item)
            items.append(item)
        }
    }

    /// Status cell values that mean done.
    static let doneWords: Set<String> = [
        "done", "closed", "✅", "✔", "✔️", "☑", "☑️", "complete", "completed", "fixed", "resolved", "[x]", "x", "yes",
    ]

    /// The field a table column holds, from its header.
    static func columnKey(_ header: String) -> String? {
        switch header.lowercased().trimmingCharacters(in: .whitespaces) {
        case "action", "action item", "action items", "item", "task", "what", "description": return "action"
        case "owner", "owners", "assignee", "who": return "owner"
        case "due", "due date", "deadline", "by": return "due"
        case "ticket", "issue", "tracking", "link", "jira": return "ticket"
        case "status", "state", "done": return "status"
        case "type", "kind": return "type"
        case "priority", "prio": return "priority"
        default: return nil
        }
    }

    /// Fills the named properties from the fields and reports an invalid due date.
    mutating func apply(_ item: inout ActionItem) {
        func first(_ key: String) -> ActionItemField? {
            item.fields.first { $0.key == key && !$0.value.isEmpty }
        }
        if let owner = first("owner") {
            var value = Substring(owner.value)
            while value.first == "@" { value = value.dropFirst() }
            item.owner = value.isEmpty ? nil : String(value)
        }
        if let due = first("due") {
            item.dueText = due.value
            switch LocalDate.parse(due.value) {
            case .success(let date):
                item.due = date
            case .failure(let problem):
                errors.append(
                    DocumentError(
                        problem.message(
                            "invalid due date '\(due.value)' in action item \(item.number)",
                            advice: "write it as YYYY-MM-DD"),
                        at: due.valuePosition))
            }
        }
        item.ticket = first("ticket")?.value
        if let type = first("type") {
            item.typeText = type.value
            item.type = ActionItemType(rawValue: type.value.lowercased())
        }
        item.priority = first("priority")?.value
    }

    /// Splits item text into the action and its `key: value` fields. Separators are ` — `,
    /// ` – `, ` | `, `;` and ` - `. The first field must use a known key (owner, due, ticket,
    /// type, priority), so separators inside the action are kept; after it, any `key: value`
    /// piece is a field and other pieces continue the previous field's value.
    static func split(_ text: PositionedText) -> (action: Range<Int>, fields: [ActionItemField]) {
        let bytes = text.bytes
        // Separator spans, found outside code spans.
        var separators: [Range<Int>] = []
        var index = 0
        let codeRanges = text.codeRanges
        var codePointer = 0
        func isInCode(_ offset: Int) -> Bool {
            while codePointer < codeRanges.count && codeRanges[codePointer].upperBound <= offset { codePointer += 1 }
            return codePointer < codeRanges.count && codeRanges[codePointer].contains(offset)
        }
        while index < bytes.count {
            var length = 0
            let byte = bytes[index]
            if byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0x94 || bytes[index + 2] == 0x93)
            {
                length = 3
            } else if byte == SourceByte.pipe || byte == SourceByte.semicolon {
                length = 1
            } else if byte == SourceByte.dash && index > 0 && SourceByte.isSpaceOrTab(bytes[index - 1])
                && index + 1 < bytes.count && SourceByte.isSpaceOrTab(bytes[index + 1])
            {
                length = 1
            }
            if length > 0 && !isInCode(index) {
                var low = index
                var high = index + length
                let previousEnd = separators.last?.upperBound ?? 0
                while low > previousEnd && SourceByte.isSpaceOrTab(bytes[low - 1]) { low -= 1 }
                while high < bytes.count && SourceByte.isSpaceOrTab(bytes[high]) { high += 1 }
                separators.append(low..<high)
                index = high
                continue
            }
            index += max(1, length)
        }
        // Pieces between separators.
        var pieces: [(range: Range<Int>, separatorBefore: Range<Int>?)] = []
        var start = 0
        var previous: Range<Int>?
        for separator in separators {
            pieces.append((start..<separator.lowerBound, previous))
            start = separator.upperBound
            previous = separator
        }
        pieces.append((start..<bytes.count, previous))

        var fields: [ActionItemField] = []
        var actionEnd: Int?
        for piece in pieces {
            let range = text.trimmed(piece.range)
            if let field = field(in: text, range: range, anyKey: actionEnd != nil) {
                if actionEnd == nil { actionEnd = piece.separatorBefore?.lowerBound ?? range.lowerBound }
                fields.append(field)
            } else if actionEnd != nil, var last = fields.last, !range.isEmpty {
                // Not a field: it continues the previous field's value.
                let lowerOffset = last.valueRange.start
                last.value = last.value + text.string(piece.separatorBefore ?? range) + text.string(range)
                last.valueRange = SourceRange(start: lowerOffset, end: text.sourceRange(range).end)
                fields[fields.count - 1] = last
            }
        }
        let action = text.trimmed(0..<(actionEnd ?? bytes.count))
        return (action, fields)
    }

    /// The field written in `range`, if it starts with a key and a colon: a known key, or
    /// with `anyKey` (after the first field) any short word key such as `eta` or `due date`.
    static func field(in text: PositionedText, range: Range<Int>, anyKey: Bool) -> ActionItemField? {
        let bytes = text.bytes
        var index = range.lowerBound
        while index < range.upperBound && index - range.lowerBound < 24
            && (SourceByte.isAlphanumeric(bytes[index]) || bytes[index] == SourceByte.dash
                || bytes[index] == SourceByte.underscore
                || (bytes[index] == SourceByte.space && anyKey))
        {
            index += 1
        }
        while index > range.lowerBound && bytes[index - 1] == SourceByte.space { index -= 1 }
        guard index > range.lowerBound, SourceByte.isLetter(bytes[range.lowerBound]) else { return nil }
        let key = text.string(range.lowerBound..<index).lowercased()
        guard anyKey || keys.contains(key) else { return nil }
        var colon = index
        while colon < range.upperBound && SourceByte.isSpaceOrTab(bytes[colon]) { colon += 1 }
        guard colon < range.upperBound, bytes[colon] == SourceByte.colon,
            colon + 1 == range.upperBound || SourceByte.isSpaceOrTab(bytes[colon + 1])
        else { return nil }
        let value = text.trimmed((colon + 1)..<range.upperBound)
        return ActionItemField(
            key: key, value: text.string(value), keyPosition: text.position(at: range.lowerBound),
            valueRange: text.sourceRange(value))
    }
}
