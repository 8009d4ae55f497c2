import PostmortemKit

/// `pm check --format sarif`: a SARIF 2.1.0 log for code-scanning tools, with every rule pm knows.
enum SARIFFormatter {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The key of pm's entry in `partialFingerprints`; the suffix changes if the fingerprint's recipe ever does.
    static let fingerprintKey = "pmFinding/v1"

    static func document(_ report: FindingsReport, rules: [RuleDescription], version: String) -> String {
        var descriptors = rules.map(ruleDescriptor)
        var indexByID: [String: Int] = [:]
        for (index, rule) in rules.enumerated() { indexByID[rule.id] = index }
        for finding in report.findings where indexByID[finding.ruleID] == nil {
            indexByID[finding.ruleID] = descriptors.count
            descriptors.append(ruleDescriptor(unknown: finding.ruleID))
        }
        var occurrences: [String: Int] = [:]
        let results = report.findings.map { finding -> JSONValue in
            let lineText = report.lineText(path: finding.path, line: finding.range.start.line) ?? ""
            let key = [finding.ruleID, finding.path ?? "", lineText.trimmingCharacters(in: .whitespaces)].joined(
                separator: "\u{0}")
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1
            return result(
                finding, ruleIndex: indexByID[finding.ruleID] ?? 0,
                fingerprint: fingerprint(key + "\u{0}" + String(occurrence)),
                column: { position in
                    utf16Column(position.column, in: report.lineText(path: finding.path, line: position.line))
                })
        }
        let driver = JSONValue.object([
            ("name", .string("pm")), ("version", .string(version)), ("semanticVersion", .string(version)),
            ("rules", .array(descriptors)),
        ])
        var members: [(String, JSONValue)] = [
            ("tool", .object([("driver", driver)])), ("columnKind", .string("utf16CodeUnits")),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("description", message("The repository root."))]))])),
            ("results", .array(results)),
        ]
        // The findings the baseline accepted are left out of the results, as from every format; the run says how
        // many, in its property bag.
        if let baseline = report.baseline {
            members.append(
                (
                    "properties",
                    .object([
                        ("pmBaseline", .string(baseline.path)), ("pmBaselined", .int(baseline.baselined)),
                        ("pmBaselineFixed", .int(baseline.fixed)),
                    ])
                ))
        }
        let run = JSONValue.object(members)
        return JSONValue.object([("$schema", .string(schema)), ("version", .string("2.1.0")), ("runs", .array([run]))])
            .serialized()
    }

    /// pm's column (1-based, in UTF-8 bytes) as SARIF's default column kind counts it: 1-based UTF-16 code units.
    /// Without the line's text, the byte column is kept.
    static func utf16Column(_ byteColumn: Int, in line: String?) -> Int {
        guard let line, byteColumn > 1 else { return byteColumn }
        let bytes = Array(line.utf8)
        let prefix = bytes.prefix(byteColumn - 1)
        let extra = max(0, byteColumn - 1 - bytes.count)  // a column past the end of the line
        return String(decoding: prefix, as: UTF8.self).utf16.count + extra + 1
    }

    /// A stable 128-bit hash (two FNV-1a 64-bit passes with different seeds), as 32 hexadecimal digits.
    static func fingerprint(_ text: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash = seed
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            return hash
        }
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(fnv(0xCBF2_9CE4_8422_2325)) + hex(fnv(0x84222325_CBF29CE4))
    }

    private static func message(_ text: String) -> JSONValue { .object([("text", .string(text))]) }

    private static func ruleDescriptor(_ description: RuleDescription) -> JSONValue {
        // SARIF names are PascalCase identifiers; the readable name is the short description.
        let name = description.name.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
        let applies = "Applies from status \(description.appliesFrom.rawValue)."
        return .object([
            ("id", .string(description.id)), ("name", .string(name)), ("shortDescription", message(description.name)),
            ("fullDescription", message(description.rationale)),
            ("defaultConfiguration", .object([("level", .string(description.defaultSeverity.rawValue))])),
            (
                "help",
                .object([
                    ("text", .string("\(description.rationale)\n\(applies)\nSee 'pm rules \(description.id)' for examples.")),
                    (
                        "markdown",
                        .string("\(description.rationale)\n\n\(applies)\n\nSee `pm rules \(description.id)` for examples.")
                    ),
                ])
            ),
            (
                "properties",
                .object([
                    ("kind", .string(description.kind.rawValue)), ("appliesFrom", .string(description.appliesFrom.rawValue)),
                ])
            ),
        ])
    }

    /// A rule a finding names that pm does not know: its id everywhere, and no Markdown help.
    private static func ruleDescriptor(unknown id: String) -> JSONValue {
        .object([
            ("id", .string(id)), ("name", .string(id)), ("shortDescription", message(id)), ("fullDescription", message(id)),
            ("defaultConfiguration", .object([("level", .string("error"))])), ("help", message(id)),
            ("properties", .object([])),
        ])
    }

    private static func result(
        _ finding: Finding, ruleIndex: Int, fingerprint: String, column: (SourcePosition) -> Int
    ) -> JSONValue {
        var text = finding.message
        if let suggestion = finding.suggestion, !suggestion.isEmpty { text += "\nSuggestion: " + suggestion }
        let start = finding.range.start
        // SARIF's end column is exclusive, as pm's; an empty range still covers one column.
        var end = finding.range.end
        if end <= start { end = SourcePosition(line: start.line, column: start.column + 1) }
        let region = JSONValue.object([
            ("startLine", .int(start.line)), ("startColumn", .int(column(start))), ("endLine", .int(end.line)),
            ("endColumn", .int(max(column(end), end.line == start.line ? column(start) + 1 : 1))),
        ])
        let location = JSONValue.object([
            (
                "physicalLocation",
                .object([
                    ("artifactLocation", .object([("uri", .string(finding.path ?? "")), ("uriBaseId", .string("%SRCROOT%"))])),
                    ("region", region),
                ])
            )
        ])
        return .object([
            ("ruleId", .string(finding.ruleID)), ("ruleIndex", .int(ruleIndex)), ("level", .string(finding.severity.rawValue)),
            ("message", message(text)), ("locations", .array([location])),
            ("partialFingerprints", .object([(fingerprintKey, .string(fingerprint))])),
        ])
    }
}
