/// The value of one front-matter field: a string, or a list of strings.
public enum FrontMatterValue: Hashable, Sendable {
    case string(String)
    case list([String])

    /// The string, when the value is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The items, when the value is a list.
    public var listValue: [String]? {
        if case .list(let items) = self { return items }
        return nil
    }
}
