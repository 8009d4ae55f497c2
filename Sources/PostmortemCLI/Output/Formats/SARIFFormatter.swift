import PostmortemKit

/// `pm check --format sarif`: a SARIF 2.1.0 log for code-scanning tools, with every rule pm knows.
enum SARIFFormatter {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The key of pm's entry in `partialFingerprints`; the suffix changes if the fingerprint's recipe ever does.
    static let fingerprintKey = "pmFinding/v1"

    static func document(_ report: FindingsReport, rules: [RuleDescription], version: String) throws -> String {
        var descriptors = rules.map(RuleDescriptor.init)
        var indexByID: [String: Int] = [:]
        for (index, rule) in descriptors.enumerated() { indexByID[rule.id] = index }
        for finding in report.findings where indexByID[finding.ruleID] == nil {
            indexByID[finding.ruleID] = descriptors.count
            descriptors.append(RuleDescriptor(unknown: finding.ruleID))
        }
        var occurrences: [String: Int] = [:]
        let results = report.findings.map { finding -> Result in
            let lineText = report.lineText(path: finding.path, line: finding.range.start.line) ?? ""
            let key = [finding.ruleID, finding.path ?? "", lineText.trimmingCharacters(in: .whitespaces)].joined(
                separator: "\u{0}")
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1
            return Result(
                finding, ruleIndex: indexByID[finding.ruleID] ?? 0,
                fingerprint: fingerprint(key + "\u{0}" + String(occurrence)),
                column: { position in
                    utf16Column(position.column, in: report.lineText(path: finding.path, line: position.line))
                })
        }
        let log = Log(
            schema: schema, version: "2.1.0",
            runs: [
                Run(
                    tool: Tool(driver: Driver(name: "pm", version: version, semanticVersion: version, rules: descriptors)),
                    columnKind: "utf16CodeUnits",
                    originalUriBaseIds: ["%SRCROOT%": ArtifactLocationBase(description: Message(text: "The repository root."))],
                    results: results)
            ])
        return try JSONOutput.encode(log)
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

    private struct Log: Encodable {
        let schema: String
        let version: String
        let runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    private struct Run: Encodable {
        let tool: Tool
        let columnKind: String
        let originalUriBaseIds: [String: ArtifactLocationBase]
        let results: [Result]
    }

    private struct ArtifactLocationBase: Encodable {
        let description: Message
    }

    private struct Tool: Encodable {
        let driver: Driver
    }

    private struct Driver: Encodable {
        let name: String
        let version: String
        let semanticVersion: String
        let rules: [RuleDescriptor]
    }

    private struct Message: Encodable {
        let text: String
    }

    private struct MultiformatMessage: Encodable {
        let text: String
        let markdown: String?
    }

    private struct Configuration: Encodable {
        let level: String
    }

    private struct RuleDescriptor: Encodable {
        let id: String
        let name: String
        let shortDescription: Message
        let fullDescription: Message
        let defaultConfiguration: Configuration
        let help: MultiformatMessage
        let properties: [String: String]

        init(_ description: RuleDescription) {
            id = description.id
            // SARIF names are PascalCase identifiers; the readable name is the short description.
            name = description.name.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }
                .joined()
            shortDescription = Message(text: description.name)
            fullDescription = Message(text: description.rationale)
            defaultConfiguration = Configuration(level: description.defaultSeverity.rawValue)
            let applies = "Applies from status \(description.appliesFrom.rawValue)."
            help = MultiformatMessage(
                text: "\(description.rationale)\n\(applies)\nSee 'pm rules \(description.id)' for examples.",
                markdown: "\(description.rationale)\n\n\(applies)\n\nSee `pm rules \(description.id)` for examples.")
            properties = ["kind": description.kind.rawValue, "appliesFrom": description.appliesFrom.rawValue]
        }

        init(unknown id: String) {
            self.id = id
            name = id
            shortDescription = Message(text: id)
            fullDescription = Message(text: id)
            defaultConfiguration = Configuration(level: "error")
            help = MultiformatMessage(text: id, markdown: nil)
            properties = [:]
        }
    }

    private struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Message
        let locations: [Location]
        let partialFingerprints: [String: String]

        init(_ finding: Finding, ruleIndex: Int, fingerprint: String, column: (SourcePosition) -> Int) {
            ruleId = finding.ruleID
            self.ruleIndex = ruleIndex
            level = finding.severity.rawValue
            var text = finding.message
            if let suggestion = finding.suggestion, !suggestion.isEmpty { text += "\nSuggestion: " + suggestion }
            message = Message(text: text)
            let start = finding.range.start
            // SARIF's end column is exclusive, as pm's; an empty range still covers one column.
            var end = finding.range.end
            if end <= start { end = SourcePosition(line: start.line, column: start.column + 1) }
            locations = [
                Location(
                    physicalLocation: PhysicalLocation(
                        artifactLocation: ArtifactLocation(uri: finding.path ?? "", uriBaseId: "%SRCROOT%"),
                        region: Region(
                            startLine: start.line, startColumn: column(start), endLine: end.line,
                            endColumn: max(column(end), end.line == start.line ? column(start) + 1 : 1))))
            ]
            partialFingerprints = [SARIFFormatter.fingerprintKey: fingerprint]
        }
    }

    private struct Location: Encodable {
        let physicalLocation: PhysicalLocation
    }

    private struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    private struct ArtifactLocation: Encodable {
        let uri: String
        let uriBaseId: String
    }

    private struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
        let endLine: Int
        let endColumn: Int
    }
}
