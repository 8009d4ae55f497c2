import Foundation

/// Runs rules over postmortems and turns their violations into findings: severities from the
/// configuration and the lifecycle, suppressions from the document, sorted by place.
public struct Checker: Sendable {
    /// Where `check.<rule-id>` levels come from.
    public var configuration: Configuration
    /// The rules to run, in order.
    var rules: [any Rule.Type]

    public init(configuration: Configuration, rules: [any Rule.Type] = RuleRegistry.all) {
        self.configuration = configuration
        self.rules = rules
    }

    /// Every finding in `postmortem`, sorted by line, column and rule id.
    public func check(_ postmortem: Postmortem, context: CheckContext) -> [Finding] {
        let level = postmortem.status ?? .draft
        var active: [String: FindingSeverity] = [:]
        var reported: [(ruleID: String, severity: FindingSeverity, violation: RuleViolation)] = []
        for rule in rules {
            let description = rule.description
            guard let severity = severity(of: description, status: level) else { continue }
            active[description.id] = severity
            for violation in rule.init().check(postmortem, context: context) {
                reported.append((description.id, severity, violation))
            }
        }

        var suppressions = SuppressionSet(postmortem)
        var findings: [Finding] = []
        for (ruleID, severity, violation) in reported
        where !suppressions.silence(ruleID: ruleID, at: violation.range.start) {
            findings.append(
                Finding(
                    ruleID: ruleID, severity: severity, message: violation.message, suggestion: violation.suggestion,
                    path: postmortem.path, range: violation.range))
        }

        let unusedID = UnusedSuppressionRule.description.id
        if let severity = active[unusedID] {
            let known = Set(RuleRegistry.all.map { $0.description.id } + rules.map { $0.description.id })
            for violation in suppressions.problems(knownRuleIDs: known, activeRuleIDs: Set(active.keys)) {
                findings.append(
                    Finding(
                        ruleID: unusedID, severity: severity, message: violation.message, suggestion: violation.suggestion,
                        path: postmortem.path, range: violation.range))
            }
        }
        return Checker.sorted(findings)
    }

    /// Every finding in `postmortems`, sorted by path, line, column and rule id.
    func check(_ postmortems: [Postmortem], context: CheckContext) -> [Finding] {
        Checker.sorted(postmortems.flatMap { check($0, context: context) })
    }

    /// The severity findings of the rule described by `description` get in a document at `status`
    /// (missing means draft), or nil when the rule is off or skipped at that level.
    ///
    /// `check.<id>` (`error`, `warning`, `off`) overrides the default severity; below the rule's
    /// `appliesFrom` level, `belowLevel` turns findings into warnings or skips them.
    func severity(of description: RuleDescription, status: Status?) -> FindingSeverity? {
        let configured: FindingSeverity
        switch configuration.ruleLevels[description.id]?.lowercased() {
        case "off": return nil
        case "error": configured = .error
        case "warning": configured = .warning
        default: configured = description.defaultSeverity
        }
        if (status ?? .draft) >= description.appliesFrom { return configured }
        switch description.belowLevel {
        case .warning: return .warning
        case .skip: return nil
        }
    }

    /// The context for checking `postmortems` as one set: their ids and the distinct paths holding
    /// each (a postmortem without a path counts under its id).
    public static func context(
        for postmortems: [Postmortem], configuration: Configuration, today: LocalDate
    ) -> CheckContext {
        var paths: [String: Set<String>] = [:]
        for postmortem in postmortems where !postmortem.id.isEmpty {
            paths[postmortem.id, default: []].insert(postmortem.path ?? postmortem.id)
        }
        return CheckContext(
            configuration: configuration, pathsByID: paths.mapValues { $0.sorted() }, today: today)
    }

    /// Sorts by path, line, column, rule id, then message, so output is stable.
    public static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted { lhs, rhs in
            if lhs.path != rhs.path { return (lhs.path ?? "") < (rhs.path ?? "") }
            if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
            if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
            return lhs.message < rhs.message
        }
    }
}

extension Checker {
    /// Checks an example document from a rule description, the way the tests and `pm rules` do.
    ///
    /// Comment lines in the example's front matter set the scene: `# file: <path>` is the path the
    /// example is read from (none by default), and `# repository: <path> …` names the other postmortem
    /// files that exist next to it (for `unique-id` and `related-exists`). "Today" is the incident date.
    static func checkExample(
        _ example: String, configuration: Configuration = Configuration(), rules: [any Rule.Type] = RuleRegistry.all
    ) -> [Finding] {
        let source = SourceText(example)
        var path: String?
        var others: [String] = []
        if source.lines.first == "---" {
            for line in source.lines.dropFirst() {
                if line == "---" || line == "..." { break }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if let value = Checker.exampleSetting("file", in: trimmed) {
                    path = value
                } else if let value = Checker.exampleSetting("repository", in: trimmed) {
                    others += value.split(separator: " ").map(String.init)
                }
            }
        }
        let postmortem = PostmortemParser.parse(example, path: path, timeZone: configuration.timeZone)
        let neighbours = others.map { PostmortemParser.parse("", path: $0, timeZone: configuration.timeZone) }
        let context = Checker.context(
            for: [postmortem] + neighbours, configuration: configuration,
            today: postmortem.date ?? LocalDate(daysSinceEpoch: 0))
        return Checker(configuration: configuration, rules: rules).check(postmortem, context: context)
    }

    /// The value of a `# key: value` comment line.
    private static func exampleSetting(_ key: String, in line: String) -> String? {
        let prefix = "# \(key):"
        guard line.hasPrefix(prefix) else { return nil }
        let value = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}

extension Postmortem {
    /// Where a finding about something missing from the front matter or the whole document points:
    /// the start of the closing `---` (add it above), or the start of the document without one.
    var endOfFrontMatter: SourcePosition {
        guard let frontMatter else { return SourcePosition(line: 1, column: 1) }
        return SourcePosition(line: frontMatter.closingLine ?? frontMatter.openingLine, column: 1)
    }
}
