import Foundation

/// Parses the query language of `pm search` (the README's *Search* section lists it).
public enum SearchQueryParser {
    /// The names that mean something of their own before a colon; any other key names a front-matter field.
    static let fieldNames = SearchField.allCases.map(\.rawValue) + ["after", "before", "section"]

    /// The front-matter keys that are another name for a filter: the plural the front matter writes.
    static let aliases: [String: SearchField] = ["services": .service, "tags": .tag, "authors": .author]

    /// True when `word` can be a front-matter key: an ASCII letter, then ASCII letters, digits, `-` and `_` (what
    /// the front matter accepts, less a leading digit, so that `14:02` stays text).
    static func isKey<S: StringProtocol>(_ word: S) -> Bool {
        guard let first = word.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
        }
    }

    public static func parse(_ text: String) throws -> SearchQuery {
        var parser = Parser(characters: Array(text))
        let query = try parser.parseGroup(closing: false)
        guard query.hasContent else {
            throw SearchQueryError(
                message: "the query has nothing to search for; give a word, a \"phrase\" or a field", column: 1)
        }
        return query
    }

    /// How deep parentheses may nest: enough for any query a person writes, and parsing and evaluating recurse.
    static let maximumNesting = 32

    private struct Parser {
        let characters: [Character]
        var index = 0
        var depth = 0

        mutating func skipSpaces() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }

        var column: Int { index + 1 }

        func error(_ message: String, at position: Int) -> SearchQueryError {
            SearchQueryError(message: message, column: position + 1)
        }

        /// Clauses up to the end, or up to `)` when `closing`.
        mutating func parseGroup(closing: Bool) throws -> SearchQuery {
            var clauses: [SearchQuery] = []
            let start = index
            while true {
                skipSpaces()
                guard index < characters.count else {
                    if closing { throw error("'(' is never closed; add ')'", at: start - 1) }
                    break
                }
                if characters[index] == ")" {
                    guard closing else { throw error("')' closes nothing; remove it or add '(' before", at: index) }
                    break
                }
                if isOperator("OR") {
                    throw error("'OR' needs a word on each side", at: index)
                }
                // AND is what the space means already; it is accepted, as other search tools do.
                if isOperator("AND") {
                    let andPosition = index
                    index += 3
                    skipSpaces()
                    guard !clauses.isEmpty, index < characters.count, characters[index] != ")", !isOperator("OR"),
                        !isOperator("AND")
                    else { throw error("'AND' needs a word on each side", at: andPosition) }
                    continue
                }
                var alternatives = [try parseUnary()]
                while true {
                    let save = index
                    skipSpaces()
                    guard isOperator("OR") else {
                        index = save
                        break
                    }
                    let orPosition = index
                    index += 2
                    skipSpaces()
                    guard index < characters.count, characters[index] != ")", !isOperator("OR"), !isOperator("AND") else {
                        throw error("'OR' needs a word on each side", at: orPosition)
                    }
                    alternatives.append(try parseUnary())
                }
                // A word of punctuation only (`---`) has nothing to match: it is left out rather than matching nothing.
                alternatives = alternatives.filter(\.hasContent)
                if !alternatives.isEmpty { clauses.append(alternatives.count == 1 ? alternatives[0] : .or(alternatives)) }
            }
            if closing, clauses.isEmpty { throw error("'()' holds nothing to search for", at: start - 1) }
            return clauses.count == 1 ? clauses[0] : .and(clauses)
        }

        /// True when the text at `index` is the operator word, standing alone.
        func isOperator(_ word: String) -> Bool {
            let letters = Array(word)
            guard index + letters.count <= characters.count, Array(characters[index..<index + letters.count]) == letters
            else { return false }
            let after = index + letters.count
            return after == characters.count || characters[after].isWhitespace || characters[after] == ")"
                || characters[after] == "("
        }

        mutating func parseUnary() throws -> SearchQuery {
            // NOT word is -word, as other search tools spell it.
            if isOperator("NOT") {
                let position = index
                index += 3
                skipSpaces()
                guard index < characters.count, characters[index] != ")", !isOperator("OR"), !isOperator("AND"),
                    !isOperator("NOT")
                else { throw error("'NOT' must be followed by what to exclude", at: position) }
                let operand = try parsePrimary()
                if case .section = operand {
                    throw error("a section cannot be excluded; search inside another section instead", at: position)
                }
                return .not(operand)
            }
            if characters[index] == "-" {
                let position = index
                index += 1
                guard index < characters.count, !characters[index].isWhitespace, characters[index] != ")" else {
                    throw error("'-' must be followed by what to exclude, without a space (-word)", at: position)
                }
                let operand = try parsePrimary()
                if case .section = operand {
                    throw error("a section cannot be excluded; search inside another section instead", at: position)
                }
                return .not(operand)
            }
            return try parsePrimary()
        }

        mutating func parsePrimary() throws -> SearchQuery {
            let start = index
            switch characters[index] {
            case "(":
                depth += 1
                guard depth <= SearchQueryParser.maximumNesting else {
                    throw error("parentheses nest deeper than \(SearchQueryParser.maximumNesting) levels", at: index)
                }
                index += 1
                let group = try parseGroup(closing: true)
                index += 1  // the ')'
                depth -= 1
                return group
            case "\"":
                let text = try quoted()
                let terms = SearchTokenizer.terms(in: text)
                guard !terms.isEmpty else { throw error("the phrase holds no words", at: start) }
                return .phrase(terms)
            default:
                break
            }
            var word = ""
            while index < characters.count, !characters[index].isWhitespace, characters[index] != "(",
                characters[index] != ")", characters[index] != "\""
            {
                // `key:value`, but not a link (`https://…`): its words are text.
                if characters[index] == ":", SearchQueryParser.isKey(word),
                    !(index + 2 < characters.count && characters[index + 1] == "/" && characters[index + 2] == "/")
                {
                    index += 1
                    return try parseField(word.lowercased(), namePosition: start)
                }
                word.append(characters[index])
                index += 1
            }
            if index < characters.count, characters[index] == "\"" {
                throw error("a quote must start a phrase; put a space before it", at: index)
            }
            if let star = word.firstIndex(of: "*") {
                let stem = String(word.dropLast())
                let words = SearchTokenizer.foldedWords(in: stem)
                guard star == word.index(before: word.endIndex), words.count == 1, let only = words.first else {
                    throw error("'*' may only end one word (prefix*)", at: start + word.distance(from: word.startIndex, to: star))
                }
                return .prefix(only)
            }
            return .phrase(SearchTokenizer.terms(in: word))
        }

        /// The text of a `"…"` at `index`, moving past the closing quote.
        mutating func quoted() throws -> String {
            let open = index
            index += 1
            var text = ""
            while index < characters.count, characters[index] != "\"" {
                text.append(characters[index])
                index += 1
            }
            guard index < characters.count else { throw error("the quote is never closed; add '\"'", at: open) }
            index += 1
            return text
        }

        mutating func parseField(_ name: String, namePosition: Int) throws -> SearchQuery {
            let valuePosition = index
            var value = ""
            if index < characters.count, characters[index] == "\"" {
                value = try quoted()
            } else {
                while index < characters.count, !characters[index].isWhitespace, characters[index] != ")",
                    characters[index] != "("
                {
                    value.append(characters[index])
                    index += 1
                }
            }
            value = value.trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else {
                var message = "'\(name):' needs a value, e.g. \(example(name))"
                if !SearchQueryParser.fieldNames.contains(name), SearchQueryParser.aliases[name] == nil {
                    message += " (a word before ':' names a front-matter field; to search for the word, leave out the ':')"
                }
                throw error(message, at: namePosition)
            }
            switch name {
            case "after", "before":
                guard let date = LocalDate(iso: value) else {
                    throw error("'\(value)' is not a date; write \(name):YYYY-MM-DD", at: valuePosition)
                }
                return name == "after" ? .after(date) : .before(date)
            case "section":
                return .section(SearchDocument.fieldName(ofSection: value))
            case "status":
                guard Status(rawValue: value.lowercased()) != nil else {
                    throw error("'\(value)' is not a status; use draft, in-review or published", at: valuePosition)
                }
                return .field(.status, value.lowercased())
            case "date":
                guard LocalDate(iso: value) != nil else {
                    throw error("'\(value)' is not a date; write date:YYYY-MM-DD", at: valuePosition)
                }
                return .field(.date, value)
            default:
                guard let field = SearchField(rawValue: name) ?? SearchQueryParser.aliases[name] else {
                    return .frontMatter(name, value)
                }
                // The zone of a timestamp without one is pm.timezone, known once the repository is: here only the
                // shape is checked.
                if SearchField.timestamps.contains(field), LocalDate(iso: value) == nil,
                    Timestamp.parse(value, timeZone: .gmt) == nil
                {
                    throw error(
                        "'\(value)' is neither a date nor a timestamp; write \(name):YYYY-MM-DD (that day) or "
                            + "\(name):YYYY-MM-DDTHH:MM:SSZ (that instant)", at: valuePosition)
                }
                return .field(field, value)
            }
        }

        func example(_ name: String) -> String {
            switch name {
            case "after", "before": return "\(name):2026-01-01"
            case "section": return "section:\"root cause\""
            case "status": return "status:published"
            case "severity": return "severity:SEV1"
            case "owner", "author", "authors": return "\(name):@dana"
            case "tag", "tags": return "\(name):database"
            case "id": return "id:2026-11"
            case "date": return "date:2026-11-20"
            case "visibility": return "visibility:public"
            case "started", "detected", "acknowledged", "mitigated", "resolved": return "\(name):2026-11-20"
            case "service", "services": return "\(name):checkout-api"
            default: return "\(name):\"a value\""
            }
        }
    }
}
