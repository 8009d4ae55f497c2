/// Where `pm import` found a file's incident date.
public enum DateSource: Hashable, Sendable, CustomStringConvertible {
    /// A date field as written (`date`, or a field mapped to it).
    case field(String)
    /// The day written in a timestamp field (a `date` with a time, `start_time`, `started`…).
    case timestamp(String)
    /// A date written in the title.
    case title
    /// A date written in the first paragraph, on this line.
    case text(line: Int)
    /// A date in the file name.
    case fileName
    /// The day of the commit that added the file (its short id).
    case firstCommit(String)

    /// For the plan: `start_time`, `the title`, `the commit that added the file (1a2b3c4)`.
    public var description: String {
        switch self {
        case .field(let key): return key
        case .timestamp(let key): return "the day of \(key)"
        case .title: return "the title"
        case .text(let line): return "the first paragraph (line \(line))"
        case .fileName: return "the file name"
        case .firstCommit(let commit): return "the commit that added the file (\(commit))"
        }
    }

    /// A word for JSON: field, timestamp, title, text, file-name, first-commit.
    public var kind: String {
        switch self {
        case .field: return "field"
        case .timestamp: return "timestamp"
        case .title: return "title"
        case .text: return "text"
        case .fileName: return "file-name"
        case .firstCommit: return "first-commit"
        }
    }
}

/// One file of a collection converted to pm's format, and what the conversion did, for the plan.
public struct ImportConversion: Sendable {
    /// The converted file.
    public var bytes: [UInt8]
    /// The title the id is made from.
    public var title: String
    /// The incident date, and where it was found.
    public var date: LocalDate
    public var dateSource: DateSource
    /// Fields and sections pm now reads under its own names: `start_time → started`, `**Impact:** → ## Impact`.
    public var mapped: [String] = []
    /// Fields pm added: `title (from the # heading)`, `status: draft`.
    public var added: [String] = []
    /// What pm could not find: `severity`.
    public var missing: [String] = []
    /// Fields left as they were that a reader might expect mapped, and why: `kept start_time: not a timestamp`.
    public var notes: [String] = []
}

/// Why a file cannot be imported, and where.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String

    init(_ path: String, line: Int = 1, column: Int = 1, _ message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:col: message`.
    public var description: String { "\(path):\(line):\(column): \(message)" }
}
