/// Writes the parts of generated design documents and long postmortems: sentences from the shared vocabulary,
/// identifiers, list items, tables, and code in several languages.
struct ProseWriter {
    var random: SeededGenerator
    /// The words of the document being written, which most of its content words are: a document keeps coming back
    /// to its subject, so it has a few hundred distinct words in a few thousand, as real ones do, not a new word in
    /// every other one. Empty: every content word comes from the whole vocabulary.
    var topic: [String] = []
    private let vocabulary = Vocabulary.shared

    /// The languages of fenced code blocks.
    static let languages = ["rust", "python", "go", "sql", "yaml", "json", "sh", "text", "toml", "c"]

    init(random: SeededGenerator) {
        self.random = random
    }

    /// A word of prose: a function word or a content word, by their frequencies.
    mutating func word() -> String {
        random.chance(42) ? vocabulary.functionWord(&random) : vocabulary.contentWord(&random)
    }

    /// A content word (a noun, a technical term, a made-up name).
    mutating func contentWord() -> String {
        guard !topic.isEmpty, random.chance(65) else { return vocabulary.contentWord(&random) }
        // Skewed to the topic's first words: a few of them are the document's subject, named again and again.
        return topic[Int(random.unit() * random.unit() * Double(topic.count))]
    }

    /// The subject words of a new document: 120 to 200 content words drawn from the whole vocabulary.
    mutating func newTopic() -> [String] {
        let count = random.int(in: 120...200)
        var words: [String] = []
        var seen: Set<String> = []
        while words.count < count {
            let word = vocabulary.contentWord(&random)
            if seen.insert(word).inserted { words.append(word) }
        }
        return words
    }

    /// A sentence of 6 to 28 words, now and then with an identifier in backticks, a number or a link.
    mutating func sentence() -> String {
        let count = 6 + random.int(in: 0...10) + random.int(in: 0...12)
        var words: [String] = []
        words.reserveCapacity(count)
        for index in 0..<count {
            var word: String
            switch random.int(in: 0...999) {
            case 0..<420: word = vocabulary.functionWord(&random)
            case 420..<965: word = contentWord()
            case 965..<988: word = "`" + identifier() + "`"
            default: word = number()
            }
            if index > 0 && index < count - 1 && random.chance(7) { word += "," }
            words.append(word)
        }
        words[0] = Self.capitalized(words[0])
        var text = words.joined(separator: " ")
        if random.chance(2) {
            let slug = identifier().replacing("_", with: "-")
            text += " (see [\(word()) \(contentWord())](https://example.com/docs/\(slug)))"
        }
        return text + (random.chance(4) ? "?" : ".")
    }

    /// Sentences for a paragraph.
    mutating func sentences(_ count: ClosedRange<Int>) -> [String] {
        (0..<random.int(in: count)).map { _ in sentence() }
    }

    /// A number as prose writes them: a count, a percentage, a duration, a version, a hexadecimal address.
    mutating func number() -> String {
        switch random.int(in: 0...9) {
        case 0...3: "\(random.int(in: 2...9_999))"
        case 4: "\(random.int(in: 1...99))%"
        case 5...6: "\(random.int(in: 1...900))ms"
        case 7: "v\(random.int(in: 0...9)).\(random.int(in: 0...30)).\(random.int(in: 0...12))"
        case 8: "0x" + String(random.next() & 0xFFFF_FFFF, radix: 16)
        default: "#\(random.int(in: 100...99_999))"
        }
    }

    /// A name in code: `snake_case` of two or three content words.
    mutating func identifier() -> String {
        (0..<(random.chance(70) ? 2 : 3)).map { _ in contentWord() }.joined(separator: "_")
    }

    /// A type name in code: `PascalCase` of one or two content words.
    mutating func typeName() -> String {
        (0..<(random.chance(50) ? 1 : 2)).map { _ in Self.capitalized(contentWord()) }.joined()
    }

    /// A bullet of a list: one sentence, sometimes two.
    mutating func listItem() -> String {
        random.chance(75) ? sentence() : sentence() + " " + sentence()
    }

    /// A table: a header row and 3 to 12 rows of words, numbers and identifiers.
    mutating func table() -> [[String]] {
        let columns = random.int(in: 3...5)
        var rows = [(0..<columns).map { _ in Self.capitalized(contentWord()) }]
        for _ in 0..<random.int(in: 3...12) { rows.append(tableRow(columns: columns)) }
        return rows
    }

    /// A row of a table body.
    mutating func tableRow(columns: Int) -> [String] {
        (0..<columns).map { column in
            switch (column, random.int(in: 0...3)) {
            case (0, _): "`\(identifier())`"
            case (_, 0): number()
            case (_, 1): contentWord()
            default: (0..<random.int(in: 2...6)).map { _ in word() }.joined(separator: " ")
            }
        }
    }

    /// A title for a design document.
    mutating func designTitle() -> String {
        switch random.int(in: 0...3) {
        case 0: "\(Self.capitalized(contentWord())) \(contentWord()) for \(contentWord()) \(contentWord())"
        case 1: "Stabilize \(contentWord()) \(contentWord())"
        case 2: "\(Self.capitalized(contentWord())) \(contentWord()) in the \(contentWord()) \(contentWord())"
        default:
            "Allow \(contentWord()) \(contentWord()) \(random.pick(["with", "without", "across", "inside"])) \(contentWord())"
        }
    }

    /// A title for a postmortem.
    mutating func incidentTitle(service: String) -> String {
        "\(Self.capitalized(random.pick(PostmortemGenerator.subjects))) \(random.pick(PostmortemGenerator.verbs)) "
            + "\(contentWord()) \(contentWord()) in \(service)"
    }

    /// The lines of a fenced code block in `language` (without the fences): 15 to 120 lines.
    mutating func codeLines(_ language: String) -> [String] {
        let target = 15 + random.int(in: 0...40) + random.int(in: 0...65)
        var lines: [String] = []
        if language == "json" {
            lines.append("{")
            while lines.count < target - 1 { lines.append(codeLine(language)) }
            lines.append("}")
            return lines
        }
        while lines.count < target {
            lines += codeUnit(language)
            if language != "text" && language != "sh" && random.chance(60) { lines.append("") }
        }
        return lines
    }

    /// A line of `language`, as an edit inserts or rewrites one inside a block: a statement, indented once.
    mutating func codeLine(_ language: String) -> String {
        switch language {
        case "rust", "c": "    " + statement(language)
        case "go": "\t" + statement(language)
        case "python": "    " + statement(language)
        case "yaml": "  " + statement(language)
        case "json": "  \"\(identifier())\": \(random.chance(50) ? "\(random.int(in: 0...100_000))" : "\"\(word())\""),"
        default: statement(language)
        }
    }

    /// One function, section or group of lines of `language`.
    private mutating func codeUnit(_ language: String) -> [String] {
        let statements = random.int(in: 2...10)
        switch language {
        case "rust":
            var lines = ["/// \(sentence())"]
            if random.chance(30) { lines.append("#[inline]") }
            lines.append("pub fn \(identifier())(&self, \(identifier()): &\(typeName())) -> Result<\(typeName()), Error> {")
            for _ in 0..<statements { lines.append(codeLine(language)) }
            lines.append("    Ok(\(typeName())::new(\(identifier())))")
            return lines + ["}"]
        case "python":
            var lines = ["def \(identifier())(\(identifier()), \(identifier())=\(random.int(in: 0...100))):"]
            lines.append("    \"\"\"\(sentence())\"\"\"")
            for _ in 0..<statements { lines.append(codeLine(language)) }
            return lines + ["    return \(identifier())"]
        case "go":
            let receiver = String(contentWord().prefix(1))
            var lines = ["// \(typeName()) \(sentence().lowercased())"]
            lines.append("func (\(receiver) *\(typeName())) \(typeName())(ctx context.Context, \(identifier()) string) error {")
            for _ in 0..<statements { lines.append(codeLine(language)) }
            return lines + ["\treturn nil", "}"]
        case "c":
            var lines = ["static int \(identifier())(struct \(identifier()) *\(identifier()), size_t \(identifier())) {"]
            for _ in 0..<statements { lines.append(codeLine(language)) }
            return lines + ["    return 0;", "}"]
        case "yaml":
            var lines = ["\(identifier()):"]
            for _ in 0..<statements { lines.append(codeLine(language)) }
            return lines
        case "toml":
            var lines = ["[\(identifier())]"]
            for _ in 0..<statements { lines.append(codeLine(language)) }
            return lines
        case "sql":
            if random.chance(50) { return [statement(language)] }
            return [
                "SELECT \(identifier()), \(identifier()), count(*) AS \(identifier())", "  FROM \(identifier())",
                " WHERE \(identifier()) > \(random.int(in: 1...10_000)) AND \(identifier()) = '\(contentWord())'",
                " GROUP BY \(identifier())", " ORDER BY \(identifier()) DESC", " LIMIT \(random.int(in: 10...500));",
            ]
        default:
            return (0..<statements).map { _ in codeLine(language) }
        }
    }

    /// A statement of `language`, without indentation.
    private mutating func statement(_ language: String) -> String {
        let choice = random.int(in: 0...5)
        switch language {
        case "rust":
            return switch choice {
            case 0: "let \(identifier()) = self.\(identifier()).\(identifier())(&\(identifier()))?;"
            case 1: "if \(identifier()).len() > \(random.int(in: 1...4_096)) { return Err(Error::\(typeName())); }"
            case 2: "let mut \(identifier()): Vec<\(typeName())> = Vec::with_capacity(\(random.int(in: 1...1_024)));"
            case 3: "\(identifier()).insert(\(identifier()).clone(), \(typeName())::default());"
            case 4: "tracing::debug!(\"\(word()) \(word()) \(contentWord()) {}\", \(identifier()));"
            default: "// \(sentence())"
            }
        case "python":
            return switch choice {
            case 0: "\(identifier()) = \(identifier()).\(identifier())(\(identifier()))"
            case 1: "if \(identifier()) is None: raise \(typeName())Error(\"\(word()) \(contentWord())\")"
            case 2: "for \(identifier()) in \(identifier()).\(identifier())(): \(identifier()).append(\(identifier()))"
            case 3: "logger.info(\"\(word()) \(contentWord()) %s\", \(identifier()))"
            case 4: "\(identifier())[\"\(contentWord())\"] = \(random.int(in: 0...65_535))"
            default: "# \(sentence())"
            }
        case "go":
            return switch choice {
            case 0: "\(identifier()), err := \(identifier()).\(typeName())(ctx, \(identifier()))"
            case 1: "if err != nil { return fmt.Errorf(\"\(contentWord()) \(contentWord()): %w\", err) }"
            case 2: "\(identifier()) = append(\(identifier()), \(identifier()))"
            case 3: "defer \(identifier()).Close()"
            case 4: "\(identifier()) := time.Duration(\(random.int(in: 1...900))) * time.Millisecond"
            default: "// \(sentence())"
            }
        case "c":
            return switch choice {
            case 0: "if (\(identifier())->\(identifier()) > \(random.int(in: 1...4_096))) return -E\(typeName().uppercased());"
            case 1: "\(identifier()) = \(identifier())(\(identifier()), \(random.int(in: 0...255)));"
            case 2: "memcpy(\(identifier()), \(identifier()), sizeof(struct \(identifier())));"
            case 3: "for (size_t i = 0; i < \(identifier()); i++) \(identifier())[i] = 0;"
            case 4: "assert(\(identifier()) != NULL);"
            default: "/* \(sentence()) */"
            }
        case "yaml":
            return switch choice {
            case 0, 1: "\(identifier()): \(random.int(in: 0...10_000))"
            case 2: "\(identifier()): \"\(word()) \(contentWord())\""
            case 3: "\(identifier()): [\(identifier()), \(identifier())]"
            case 4: "\(identifier()): \(random.chance(50))"
            default: "# \(sentence())"
            }
        case "toml":
            return switch choice {
            case 0, 1: "\(identifier()) = \(random.int(in: 0...10_000))"
            case 2: "\(identifier()) = \"\(contentWord())\""
            case 3: "\(identifier()) = [\"\(identifier())\", \"\(identifier())\"]"
            default: "# \(sentence())"
            }
        case "sql":
            return switch choice {
            case 0, 1:
                "UPDATE \(identifier()) SET \(identifier()) = \(random.int(in: 0...999)) WHERE \(identifier()) = '\(contentWord())';"
            case 2: "CREATE INDEX CONCURRENTLY \(identifier())_idx ON \(identifier()) (\(identifier()), \(identifier()));"
            case 3: "ALTER TABLE \(identifier()) ADD COLUMN \(identifier()) bigint NOT NULL DEFAULT \(random.int(in: 0...9));"
            case 4: "DELETE FROM \(identifier()) WHERE \(identifier()) < now() - interval '\(random.int(in: 1...90)) days';"
            default: "-- \(sentence())"
            }
        case "sh":
            return switch choice {
            case 0: "$ kubectl -n \(identifier()) get pods -l app=\(identifier())"
            case 1: "$ curl -s https://\(contentWord()).internal/\(identifier()) | jq '.\(identifier())'"
            case 2: "\(identifier().uppercased())=\(random.int(in: 1...4_096))"
            case 3:
                "\(identifier())-\(random.int(in: 1_000...9_999))   1/1   Running   \(random.int(in: 0...40))   \(random.int(in: 1...90))d"
            case 4: "$ \(identifier()) --\(contentWord()) \(random.int(in: 1...64)) --\(contentWord())=\(contentWord())"
            default: "# \(sentence())"
            }
        default:
            let level = random.pick(["INFO", "INFO", "WARN", "ERROR", "DEBUG"])
            let time =
                "2023-\(Self.twoDigits(random.int(in: 1...12)))-\(Self.twoDigits(random.int(in: 1...28)))T"
                + "\(Self.twoDigits(random.int(in: 0...23))):\(Self.twoDigits(random.int(in: 0...59))):"
                + "\(Self.twoDigits(random.int(in: 0...59))).\(random.int(in: 100...999))Z"
            return "\(time) \(level) \(identifier())::\(identifier()): \(word()) \(contentWord()) \(word()) "
                + "\(identifier())=\(random.int(in: 0...100_000))"
        }
    }

    /// The phrase with its first letter in upper case, to begin a sentence.
    static func capitalized(_ phrase: String) -> String {
        phrase.prefix(1).uppercased() + phrase.dropFirst()
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
