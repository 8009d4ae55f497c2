/// A field of pm's front matter that `pm import` fills from a collection's own fields, and the names other
/// collections give it.
public enum ImportField: String, CaseIterable, Sendable {
    case title
    case date
    case severity
    case status
    case visibility
    case services
    case tags
    case authors
    case started
    case detected
    case acknowledged
    case mitigated
    case resolved
    /// Not a field of pm's: its text becomes the `## Summary` section.
    case summary

    /// What kind of value pm reads in the field.
    enum Shape {
        case text
        case date
        case status
        case timestamp
        case list
        case section
    }

    var shape: Shape {
        switch self {
        case .title, .severity, .visibility: return .text
        case .date: return .date
        case .status: return .status
        case .services, .tags, .authors: return .list
        case .started, .detected, .acknowledged, .mitigated, .resolved: return .timestamp
        case .summary: return .section
        }
    }

    /// The fields other collections use for this one, most common first (docs/import.md lists them).
    ///
    /// `company` is not among them: an incident's company is not one of its services, so it stays a field of its own.
    var builtInAliases: [String] {
        switch self {
        case .title, .date, .severity, .status, .visibility: return []
        case .services: return ["service", "product", "products"]
        case .tags: return ["categories", "category", "keywords"]
        case .authors: return ["author"]
        case .started: return ["start_time", "started_at", "start"]
        case .detected: return ["detected_at", "detection_time"]
        case .acknowledged: return ["acknowledged_at"]
        case .mitigated: return ["mitigated_at"]
        case .resolved: return ["end_time", "resolved_at", "ended_at", "end"]
        case .summary: return ["summary"]
        }
    }

    /// The field pm import reads `key` as, by default: pm's own name, or one of the built-in names; nil for a field pm
    /// import keeps as it is.
    public static func field(forKey key: String) -> ImportField? {
        ImportField(rawValue: key) ?? allCases.first { $0.builtInAliases.contains(key) }
    }

    /// The names of the fields, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// `pm-field=their-field`: one of a collection's fields that pm reads as one of its own (`--map`, `import.map`).
public struct FieldMapping: Hashable, Sendable {
    public let field: ImportField
    public let theirs: String

    /// Reads `pm-field=their-field`; the error says what is wrong with it.
    public static func parse(_ text: String) -> Result<FieldMapping, FieldMappingProblem> {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(FieldMappingProblem("write it as pm-field=their-field")) }
        let name = parts[0].trimmingCharacters(in: .whitespaces)
        let theirs = parts[1].trimmingCharacters(in: .whitespaces)
        guard let field = ImportField(rawValue: name) else {
            return .failure(FieldMappingProblem("'\(name)' is not a field pm imports; use one of \(ImportField.names)"))
        }
        guard !theirs.isEmpty, theirs.utf8.allSatisfy(SourceByte.isKeyCharacter) else {
            return .failure(FieldMappingProblem("'\(theirs)' is not a front-matter key (letters, digits, '-' and '_')"))
        }
        guard ImportField(rawValue: theirs) == nil || theirs == "summary", !Postmortem.knownFields.contains(theirs) else {
            return .failure(FieldMappingProblem("'\(theirs)' is a field of pm's own; map one of the collection's fields"))
        }
        return .success(FieldMapping(field: field, theirs: theirs))
    }
}

/// Why a `pm-field=their-field` mapping cannot be used.
public struct FieldMappingProblem: Error, Hashable, Sendable {
    public let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
