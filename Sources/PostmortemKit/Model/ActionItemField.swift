/// One `key: value` field of an action item (or one cell of an action-item table).
struct ActionItemField: Hashable, Sendable {
    /// The key, lowercased: `owner`, `due`, `ticket`, `type`, `priority`; `status` in tables;
    /// any other `key:` written after the first field (for example `eta`).
    var key: String
    /// The value, trimmed.
    var value: String
    /// Where the key is written (for a table cell: the cell).
    var keyPosition: SourcePosition
    /// Where the value is written.
    var valueRange: SourceRange

    /// Where the value starts.
    var valuePosition: SourcePosition { valueRange.start }
}
