/// One `key: value` field of an action item (or one cell of an action-item table).
public struct ActionItemField: Hashable, Sendable {
    /// The key, lowercased: `owner`, `due`, `ticket`, `type`, `priority`; `status` in tables;
    /// any other `key:` written after the first field (for example `eta`).
    public var key: String
    /// The value, trimmed.
    public var value: String
    /// Where the key is written (for a table cell: the cell).
    public var keyPosition: SourcePosition
    /// Where the value is written.
    public var valueRange: SourceRange

    /// Where the value starts.
    public var valuePosition: SourcePosition { valueRange.start }
}
