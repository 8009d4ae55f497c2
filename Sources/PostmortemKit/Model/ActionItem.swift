/// A follow-up from the Action items section: a task-list item (or list item, or table row)
/// with `key: value` fields.
public struct ActionItem: Hashable, Sendable {
    /// How the item is written.
    enum Form: String, Hashable, Sendable {
        /// `- [ ] …` or `- [x] …`.
        case taskList
        /// A list item without a checkbox.
        case listItem
        /// A row of a Markdown table.
        case tableRow
    }

    /// The item's position in the section, from 1 (its reference is `<id>#<number>`).
    public var number: Int
    /// Where the item starts (the list marker or the row).
    var position: SourcePosition
    /// The whole item.
    var range: SourceRange
    var form: Form
    /// The checkbox of a task-list item.
    var checkbox: Block.TaskCheckbox?
    /// Whether the item is done: a checked box, or a Status cell of done/closed/✅.
    public var isDone: Bool
    /// What is to be done: the text before the first field.
    public var action: String
    /// Where `action` starts.
    var actionPosition: SourcePosition
    /// Every field, in order (the first of a repeated key wins in the properties below).
    var fields: [ActionItemField]
    /// The owner, without a leading `@`.
    public var owner: String?
    /// The due date, when it is a valid date.
    public var due: LocalDate?
    /// The due date as written.
    var dueText: String?
    public var ticket: String?
    /// The type, when it is one pm knows.
    var type: ActionItemType?
    /// The type as written.
    var typeText: String?
    var priority: String?

    /// The line the item starts on.
    var line: Int { position.line }

    /// The first field with `key` (lowercase).
    func field(_ key: String) -> ActionItemField? {
        fields.first { $0.key == key }
    }
}
