/// The findings a team has accepted for now: `pm check` reports only the findings that are not in it, so a collection
/// of postmortems written before pm can adopt the rules without fixing every old finding first, and tighten later.
///
/// An entry names a finding by its rule, its document (the path from the repository root) and its content: the text
/// of the line it points at (trimmed, white space folded) and its message. Never by its line number, so an entry
/// still matches after text is added above it. In the message, numbers are not compared: they count or point
/// (`action item 2` becomes `action item 3` when an item is added above, `on line 40` moves), and the line's own
/// text says which finding it is. Identical findings are one entry with a count.
///
/// The file (`.pm-baseline.json` by default, `check.baseline` in `.pmconfig`) is JSON, one entry a line, sorted, so
/// that its diffs read like the findings they add or remove. The format is described in docs/baseline.md.
public struct FindingsBaseline: Sendable, Equatable {
    /// The version of the file's format; a file of another version is refused.
    public static let version = 1
    /// Where the baseline is kept when `.pmconfig` does not say.
    public static let defaultPath = ".pm-baseline.json"
    /// The largest file pm reads: a baseline of 100,000 findings is about 30 MiB.
    public static let maximumSize = 128 << 20
    /// How much of a line's text an entry keeps, in Unicode scalars: enough to tell findings apart, while a long
    /// paragraph (or a binary file without line breaks) does not make the file huge.
    static let maximumLineLength = 200
    /// The largest count an entry may give: far beyond any collection, and small enough that the counts of every
    /// entry a file can hold add up without overflow.
    static let maximumCount = 1_000_000_000

    /// One accepted finding, and how many identical ones it stands for.
    public struct Entry: Sendable, Hashable {
        /// The rule's id (`action-item-owner`).
        public var ruleID: String
        /// The document, from the repository root.
        public var path: String
        /// The text of the line the finding starts on: trimmed, each run of white space one space, at most
        /// `maximumLineLength` scalars; empty when the finding points past the end of the file.
        public var line: String
        /// The finding's message, as pm wrote it when the entry was recorded.
        public var message: String
        /// How many identical findings the entry accepts, from 1.
        public var count: Int

        /// What a finding must share with the entry to match it.
        var key: Key { Key(ruleID: ruleID, path: path, line: line, message: FindingsBaseline.comparable(message)) }
    }

    /// An entry without its count, the message with its numbers masked.
    struct Key: Hashable {
        var ruleID: String
        var path: String
        var line: String
        var message: String
    }

    /// The entries, one per key, sorted by path, rule, line text and message (by their UTF-8 bytes).
    public private(set) var entries: [Entry]

    /// A baseline of these entries: entries with the same key are merged (their counts added), then sorted.
    init(entries: [Entry]) {
        var merged: [Key: Entry] = [:]
        for entry in entries {
            let key = entry.key
            if var existing = merged[key] {
                existing.count += entry.count
                // Two messages that differ only in their numbers: the first in byte order is kept, so the file is
                // the same whatever order the findings came in.
                if Self.precedes(entry.message, existing.message) { existing.message = entry.message }
                merged[key] = existing
            } else {
                merged[key] = entry
            }
        }
        self.entries = merged.values.sorted(by: Self.entryPrecedes)
    }

    /// The baseline that accepts exactly `findings`; `sources` holds the bytes of each file they are in, by path.
    /// Findings without a path (a document that is no file) are left out.
    public init(findings: [Finding], sources: [String: [UInt8]]) {
        var lines = SourceLines(sources)
        self.init(
            entries: findings.compactMap { finding in
                finding.path.map { Self.entry(for: finding, path: $0, lines: &lines) }
            })
    }

    /// How many findings the baseline accepts.
    public var findingCount: Int { entries.reduce(0) { $0 + $1.count } }

    /// The documents it has entries for.
    public var paths: Set<String> { Set(entries.map(\.path)) }

    /// This baseline with the entries of `paths` replaced by those of `other` (`pm check --write-baseline` on some
    /// files keeps what the baseline says of the others).
    public func replacing(paths: Set<String>, with other: FindingsBaseline) -> FindingsBaseline {
        FindingsBaseline(entries: entries.filter { !paths.contains($0.path) } + other.entries)
    }

    /// This baseline with the entries of each document moved from its old path to its new one, all at once (`pm mv`,
    /// `pm import`, a `git mv`): their findings stay accepted under their new names.
    public func moving(_ moves: [(from: String, to: String)]) -> FindingsBaseline {
        var newPaths: [String: String] = [:]
        for move in moves where newPaths[move.from] == nil { newPaths[move.from] = move.to }
        return FindingsBaseline(
            entries: entries.map { entry in
                var moved = entry
                if let newPath = newPaths[entry.path] { moved.path = newPath }
                return moved
            })
    }

    /// How many findings `self` accepts that `old` did not, and how many `old` accepted that `self` does not.
    public func changes(from old: FindingsBaseline) -> (added: Int, removed: Int) {
        var counts: [Key: Int] = [:]
        for entry in old.entries { counts[entry.key, default: 0] -= entry.count }
        for entry in entries { counts[entry.key, default: 0] += entry.count }
        return (counts.values.filter { $0 > 0 }.reduce(0, +), -counts.values.filter { $0 < 0 }.reduce(0, +))
    }

    // MARK: - Matching

    /// What the baseline does to a set of findings.
    public struct Match: Sendable {
        /// The findings the baseline does not accept: the ones to report.
        public var shown: [Finding] = []
        /// The findings it accepts.
        public var baselined: [Finding] = []
        /// The entries (with the part of their count) that matched nothing among the documents checked: fixed since
        /// the baseline was written.
        public var fixed: [Entry] = []

        /// How many findings the fixed entries stood for.
        public var fixedCount: Int { fixed.reduce(0) { $0 + $1.count } }
    }

    /// Splits `findings` (sorted by place) into those the baseline accepts and the rest. An entry with count N accepts
    /// the first N findings it matches, in the order given; any more are reported. `checkedPaths` names the
    /// documents that were checked (nil: every document there is), so that only their entries can be fixed.
    public func match(_ findings: [Finding], sources: [String: [UInt8]], checkedPaths: Set<String>?) -> Match {
        var remaining: [Key: Int] = [:]
        for entry in entries { remaining[entry.key] = entry.count }
        var result = Match()
        var lines = SourceLines(sources)
        for finding in findings {
            guard let path = finding.path else {
                result.shown.append(finding)
                continue
            }
            let key = Self.entry(for: finding, path: path, lines: &lines).key
            if let left = remaining[key], left > 0 {
                remaining[key] = left - 1
                result.baselined.append(finding)
            } else {
                result.shown.append(finding)
            }
        }
        for entry in entries where checkedPaths?.contains(entry.path) ?? true {
            guard let left = remaining[entry.key], left > 0 else { continue }
            var fixed = entry
            fixed.count = left
            result.fixed.append(fixed)
        }
        return result
    }

    /// The entry that accepts `finding` (count 1), with the line it points at read from its file in `lines`.
    static func entry(for finding: Finding, path: String, lines: inout SourceLines) -> Entry {
        Entry(
            ruleID: finding.ruleID, path: path, line: lines.text(of: finding.range.start.line, in: path),
            message: finding.message, count: 1)
    }

    /// The text of the 1-based `line` of `source`, as an entry keeps it (see `SourceLines`).
    static func lineText(_ line: Int, in source: [UInt8]) -> String {
        var lines = SourceLines(["": source])
        return lines.text(of: line, in: "")
    }

    /// The lines of the files findings point into, as entries keep them, each file split once and each line folded
    /// once: a file of 100,000 lines with a finding on each costs one pass, not one per finding.
    struct SourceLines {
        /// How many bytes of a line are read at most: far more than `maximumLineLength` scalars need, unless the line
        /// is mostly white space; a 10 MiB line without a break is not decoded for every finding on it.
        static let maximumBytesRead = 1 << 16

        private let sources: [String: [UInt8]]
        /// The offset where each line starts, by path, once a finding needed the file.
        private var starts: [String: [Int]] = [:]
        private var texts: [String: [Int: String]] = [:]

        init(_ sources: [String: [UInt8]]) { self.sources = sources }

        /// The line's text: a byte-order mark, the line break and the white space around dropped, each run of white
        /// space inside one space, cut at `maximumLineLength` scalars; empty past the end of the file (or without it).
        mutating func text(of line: Int, in path: String) -> String {
            if let known = texts[path]?[line] { return known }
            let source = sources[path] ?? []
            let lineStarts: [Int]
            if let known = starts[path] {
                lineStarts = known
            } else {
                var found = [0]
                for index in source.indices where source[index] == UInt8(ascii: "\n") { found.append(index + 1) }
                starts[path] = found
                lineStarts = found
            }
            var text = ""
            if line >= 1, line <= lineStarts.count {
                let start = lineStarts[line - 1]
                let end = line < lineStarts.count ? lineStarts[line] - 1 : source.count
                text = Self.fold(source[start..<min(end, start + Self.maximumBytesRead)])
            }
            texts[path, default: [:]][line] = text
            return text
        }

        private static func fold(_ bytes: ArraySlice<UInt8>) -> String {
            var folded = String.UnicodeScalarView()
            var pendingSpace = false
            var count = 0
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars where scalar != "\u{FEFF}" {
                if scalar.properties.isWhitespace {
                    pendingSpace = !folded.isEmpty
                    continue
                }
                if pendingSpace {
                    guard count < maximumLineLength else { break }
                    folded.append(" ")
                    count += 1
                    pendingSpace = false
                }
                guard count < maximumLineLength else { break }
                folded.append(scalar)
                count += 1
            }
            return String(folded)
        }
    }

    /// A message as entries compare it: each run of ASCII digits is `#`.
    static func comparable(_ message: String) -> String {
        var result = String.UnicodeScalarView()
        var inNumber = false
        for scalar in message.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if !inNumber { result.append("#") }
                inNumber = true
            } else {
                result.append(scalar)
                inNumber = false
            }
        }
        return String(result)
    }

    // MARK: - The file

    /// The file's text: the version, a line that says what the file is, and one entry a line, sorted.
    public func encoded() -> [UInt8] {
        func string(_ text: String) -> String { JSONValue.string(text).serialized(.compact) }
        var text = "{\n"
        text += "  \"version\": \(Self.version),\n"
        text += "  \"about\": \(string(Self.about)),\n"
        if entries.isEmpty {
            text += "  \"entries\": []\n"
        } else {
            text += "  \"entries\": [\n"
            for (position, entry) in entries.enumerated() {
                text += "    {\"rule\": \(string(entry.ruleID)), \"path\": \(string(entry.path)), "
                text += "\"line\": \(string(entry.line)), \"message\": \(string(entry.message)), \"count\": \(entry.count)}"
                text += position == entries.count - 1 ? "\n" : ",\n"
            }
            text += "  ]\n"
        }
        text += "}\n"
        return Array(text.utf8)
    }

    /// What the file says it is, for someone who opens it.
    static let about =
        "Findings of 'pm check' accepted for now: pm reports only findings not listed here. Entries are matched by rule, file, the text of the line and the message, not by line number. 'pm check --write-baseline' rewrites this file."

    /// Reads a baseline file; `path` names it in errors (`.pm-baseline.json`, `HEAD:.pm-baseline.json`).
    public static func decode(_ bytes: [UInt8], path: String) throws(BaselineError) -> FindingsBaseline {
        guard bytes.count <= maximumSize else {
            throw BaselineError(
                message: "is \(bytes.count) bytes; pm reads at most \(maximumSize) bytes of baseline", path: path)
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw BaselineError(
                message: "is not valid JSON: \(error.message)", path: path, line: error.line, column: error.column)
        }
        func fail(_ message: String, at node: JSONNode) -> BaselineError {
            BaselineError(message: message, path: path, line: node.line, column: node.column)
        }
        func fail(_ message: String, at member: JSONMember) -> BaselineError {
            BaselineError(message: message, path: path, line: member.line, column: member.column)
        }
        guard case .object(let members) = root.value else {
            throw fail(
                "a findings baseline is a JSON object with \"version\" and \"entries\", not \(root.kindName)", at: root)
        }
        var version: JSONMember?
        var list: JSONMember?
        for member in members {
            switch member.key {
            case "version": version = member
            case "entries": list = member
            case "about":
                guard member.value.string != nil else {
                    throw fail("\"about\" must be a string, not \(member.value.kindName)", at: member.value)
                }
            default:
                throw fail(
                    "unknown key \"\(member.key)\"; a findings baseline has \"version\", \"about\" and \"entries\"",
                    at: member)
            }
        }
        guard let version else { throw fail("the object has no \"version\"; this pm reads version \(Self.version)", at: root) }
        guard let number = version.value.integer else {
            throw fail("\"version\" must be a whole number, not \(version.value.kindName)", at: version.value)
        }
        guard number == Self.version else {
            throw fail(
                "version \(number) is not one this pm reads (\(Self.version)); use the pm that wrote it, or write the baseline again with 'pm check --write-baseline'",
                at: version.value)
        }
        guard let list else { throw fail("the object has no \"entries\"", at: root) }
        guard case .array(let elements) = list.value.value else {
            throw fail("\"entries\" must be an array, not \(list.value.kindName)", at: list.value)
        }
        var entries: [Entry] = []
        entries.reserveCapacity(elements.count)
        var totals: [Key: Int] = [:]
        for element in elements {
            guard case .object(let fields) = element.value else {
                throw fail(
                    "an entry is an object with \"rule\", \"path\", \"line\", \"message\" and \"count\", not \(element.kindName)",
                    at: element)
            }
            var strings: [String: String] = [:]
            var count: Int?
            for field in fields {
                switch field.key {
                case "rule", "path", "line", "message":
                    guard let text = field.value.string else {
                        throw fail("\"\(field.key)\" must be a string, not \(field.value.kindName)", at: field.value)
                    }
                    if field.key == "rule" || field.key == "path", text.isEmpty {
                        throw fail("\"\(field.key)\" is empty", at: field.value)
                    }
                    strings[field.key] = text
                case "count":
                    // Bounded, so that counts added up (entries repeated by hand) can never overflow.
                    guard let value = field.value.integer, value >= 1, value <= Self.maximumCount else {
                        throw fail("\"count\" must be a whole number from 1 to \(Self.maximumCount)", at: field.value)
                    }
                    count = value
                default:
                    throw fail(
                        "unknown key \"\(field.key)\" in an entry; an entry has \"rule\", \"path\", \"line\", \"message\" and \"count\"",
                        at: field)
                }
            }
            for name in ["rule", "path", "line", "message"] where strings[name] == nil {
                throw fail("the entry has no \"\(name)\"", at: element)
            }
            guard let count else { throw fail("the entry has no \"count\"", at: element) }
            let entry = Entry(
                ruleID: strings["rule"] ?? "", path: strings["path"] ?? "", line: strings["line"] ?? "",
                message: strings["message"] ?? "", count: count)
            // Entries that say the same are one: their counts must add up to a count the file can hold.
            let total = totals[entry.key, default: 0] + count
            guard total <= Self.maximumCount else {
                throw fail(
                    "this entry repeats one above it, and their counts add up to more than \(Self.maximumCount)",
                    at: element)
            }
            totals[entry.key] = total
            entries.append(entry)
        }
        return FindingsBaseline(entries: entries)
    }

    // MARK: - Order

    /// By path, rule, line text, then message, each by its UTF-8 bytes: the same order on every system.
    static func entryPrecedes(_ lhs: Entry, _ rhs: Entry) -> Bool {
        if lhs.path != rhs.path { return precedes(lhs.path, rhs.path) }
        if lhs.ruleID != rhs.ruleID { return precedes(lhs.ruleID, rhs.ruleID) }
        if lhs.line != rhs.line { return precedes(lhs.line, rhs.line) }
        return precedes(lhs.message, rhs.message)
    }

    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}

/// A findings baseline file that cannot be read: which file (and at which revision), where in it, and what is wrong.
public struct BaselineError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// The file as messages name it: `.pm-baseline.json`, `HEAD:.pm-baseline.json`, `:.pm-baseline.json` (the index).
    public var path: String
    /// 1-based line and UTF-8 column, when the problem has a place.
    public var line: Int?
    public var column: Int?

    public init(message: String, path: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:col: message`.
    public var description: String {
        guard let line else { return "\(path): \(message)" }
        guard let column else { return "\(path):\(line): \(message)" }
        return "\(path):\(line):\(column): \(message)"
    }
}
