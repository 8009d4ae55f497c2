/// The suppression directives of one document, and which of them silenced a finding.
struct SuppressionSet {
    let directives: [SuppressionDirective]
    /// For each `pm-disable-next-line` directive, the line it silences.
    let targetLines: [Int?]
    /// The (directive index, rule id or "" for all rules) pairs that silenced something.
    private(set) var used: Set<Usage> = []

    /// One directive naming one rule (or all rules), as credited for silencing a finding.
    struct Usage: Hashable {
        var directive: Int
        var ruleID: String
    }

    init(_ postmortem: Postmortem) {
        self.init(directives: SuppressionDirective.all(in: postmortem))
    }

    init(directives: [SuppressionDirective]) {
        self.directives = directives
        var directiveLines = Set<Int>()
        for directive in directives where directive.isBlock {
            directiveLines.formUnion(directive.range.start.line...max(directive.range.start.line, directive.lastLine))
        }
        targetLines = directives.map { directive in
            guard directive.kind == .disableNextLine else { return nil }
            var line = directive.lastLine + 1
            while directiveLines.contains(line) { line += 1 }
            return line
        }
    }

    /// Whether a finding of `ruleID` at `position` is silenced; credits the directive that does it.
    mutating func silence(ruleID: String, at position: SourcePosition) -> Bool {
        var open: Usage?
        for (index, directive) in directives.enumerated() {
            switch directive.kind {
            case .disableNextLine:
                if targetLines[index] == position.line, directive.names(ruleID) {
                    used.insert(usage(index, directive, ruleID))
                    return true
                }
            case .disable:
                if directive.range.end <= position, open == nil, directive.names(ruleID) {
                    open = usage(index, directive, ruleID)
                }
            case .enable:
                if directive.range.end <= position, directive.names(ruleID) { open = nil }
            }
        }
        guard let open else { return false }
        used.insert(open)
        return true
    }

    private func usage(_ index: Int, _ directive: SuppressionDirective, _ ruleID: String) -> Usage {
        Usage(directive: index, ruleID: directive.rules.isEmpty ? "" : ruleID)
    }

    /// The directives that silenced nothing, and rule ids that name no rule, as violations.
    ///
    /// A rule that did not run (turned off, or skipped at the document's lifecycle level) cannot be
    /// judged, so a suppression naming it is never reported as unused.
    func problems(knownRuleIDs: Set<String>, activeRuleIDs: Set<String>) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        let sortedKnown = knownRuleIDs.sorted()
        for (index, directive) in directives.enumerated() {
            let keyword = directive.kind.rawValue
            if directive.rules.isEmpty {
                guard directive.kind != .enable else { continue }
                if !used.contains(Usage(directive: index, ruleID: "")) {
                    violations.append(
                        RuleViolation(
                            unusedAllMessage(keyword), at: directive.keywordRange, suggestion: removeSuggestion))
                }
                continue
            }
            for rule in directive.rules {
                if !knownRuleIDs.contains(rule.id) {
                    var message = unknownMessage(rule.id, keyword)
                    if let near = EditDistance.nearest(to: rule.id, among: sortedKnown) {
                        message += didYouMeanMessage(near)
                    }
                    violations.append(RuleViolation(message, at: rule.range, suggestion: unknownSuggestion))
                } else if directive.kind != .enable, activeRuleIDs.contains(rule.id),
                    !used.contains(Usage(directive: index, ruleID: rule.id))
                {
                    violations.append(
                        RuleViolation(unusedMessage(rule.id, keyword), at: rule.range, suggestion: removeSuggestion))
                }
            }
        }
        return violations
    }
}

private func unusedAllMessage(_ keyword: String) -> String {
    "'\(keyword)' silences nothing: no rule reports anything it covers"
}

private func unusedMessage(_ id: String, _ keyword: String) -> String {
    "'\(keyword) \(id)' silences nothing: '\(id)' reports nothing it covers"
}

private func unknownMessage(_ id: String, _ keyword: String) -> String {
    "unknown rule id '\(id)' in '\(keyword)'"
}

private func didYouMeanMessage(_ id: String) -> String {
    "; did you mean '\(id)'?"
}

private let removeSuggestion = "remove the suppression, so it does not hide a future finding"

private let unknownSuggestion = "use a rule id that `pm rules` lists"
