/// A section pm knows by name, matched case-insensitively with aliases.
public enum SectionKind: String, CaseIterable, Hashable, Sendable, Codable {
    case summary
    case impact
    case timeline
    case rootCause = "root-cause"
    case whatWentWell = "what-went-well"
    case whatDidNotGoWell = "what-did-not-go-well"
    case whereWeGotLucky = "where-we-got-lucky"
    case actionItems = "action-items"
    case lessonsLearned = "lessons-learned"
    case detection
    case response
    case supportingInformation = "supporting-information"

    /// The canonical heading, as the template writes it.
    var title: String {
        switch self {
        case .summary: return "Summary"
        case .impact: return "Impact"
        case .timeline: return "Timeline"
        case .rootCause: return "Root cause"
        case .whatWentWell: return "What went well"
        case .whatDidNotGoWell: return "What did not go well"
        case .whereWeGotLucky: return "Where we got lucky"
        case .actionItems: return "Action items"
        case .lessonsLearned: return "Lessons learned"
        case .detection: return "Detection"
        case .response: return "Response"
        case .supportingInformation: return "Supporting information"
        }
    }

    /// Every heading that names this section, normalized (the title first).
    var names: [String] {
        var names = [SectionKind.normalize(title)]
        switch self {
        // The headings other postmortem templates use (Google's, PagerDuty's, Atlassian's, public reports), so that
        // an imported collection keeps its own wording.
        case .summary: names += ["overview", "tl;dr", "tldr", "executive summary", "incident summary"]
        case .impact: names += ["customer impact", "user impact", "business impact"]
        case .timeline: names += ["incident timeline", "timeline of events", "sequence of events", "chronology"]
        case .rootCause: names += ["root causes", "contributing factors", "causes", "root cause analysis", "rca"]
        case .whatWentWell: names += ["what went right", "things that went well"]
        case .whatDidNotGoWell:
            names += ["what went wrong", "what didn't go well", "what could have gone better", "things that went wrong"]
        case .actionItems:
            names += ["follow-up actions", "follow-ups", "follow-up items", "corrective actions", "action plan", "next steps"]
        case .lessonsLearned: names += ["lessons", "learnings", "takeaways", "key takeaways"]
        default: break
        }
        return names
    }

    /// The kind named by a heading or an id: case-insensitive, ignoring extra spaces, a
    /// trailing colon and the kind of apostrophe; nil for a section pm does not know.
    init?(heading: String) {
        let name = SectionKind.normalize(heading)
        if let kind = SectionKind.byName[name] ?? SectionKind(rawValue: name) {
            self = kind
        } else {
            return nil
        }
    }

    private static let byName: [String: SectionKind] = {
        var table: [String: SectionKind] = [:]
        for kind in SectionKind.allCases {
            for name in kind.names { table[name] = kind }
        }
        return table
    }()

    /// Lowercased, single-spaced, typographic apostrophes made plain, trailing colon removed.
    static func normalize(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            switch character {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}": result.append("'")
            default: result.append(character)
            }
        }
        while result.hasSuffix(":") { result.removeLast() }
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
