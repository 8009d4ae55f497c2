import Foundation

/// How `pm import` converts a collection: `.pmconfig`'s `[import]` section, with the command line over it.
public struct ImportOptions: Sendable {
    /// The status given to a file that has none (`--status`, `import.status`; draft by default).
    public var status: Status
    /// The severity given to a file that has none (`--severity`, `import.severity`); nil leaves it without one, for
    /// `pm check` to report, rather than inventing one that statistics would then count.
    public var severity: String?
    /// The collection's fields that pm reads as its own (`--map`, then `import.map`), before the built-in names.
    public var mappings: [FieldMapping]
    /// The severities pm accepts.
    var severities: [String]
    /// The zone of times written without one.
    var timeZone: TimeZone

    /// The options of `configuration`'s `[import]` section, with `status`, `severity` and `mappings` given on the
    /// command line taking precedence; a setting of the section that cannot be used is an error that names its line.
    public init(configuration: Configuration, status: Status?, severity: String?, mappings: [FieldMapping]) throws {
        func invalid(_ key: String, _ value: String, _ reason: String, line: Int?) -> ConfigurationError {
            ConfigurationError(
                message: "invalid value '\(value)' for \(key): \(reason)", path: configuration.sourcePath,
                line: line ?? configuration.keyLines[key])
        }
        if let status {
            self.status = status
        } else if let configured = configuration.importStatus {
            guard let value = Status(rawValue: configured) else {
                throw invalid("import.status", configured, "use draft, in-review or published", line: nil)
            }
            self.status = value
        } else {
            self.status = .draft
        }
        if let severity {
            self.severity = severity
        } else if let configured = configuration.importSeverity {
            guard configuration.severities.contains(configured) else {
                throw invalid(
                    "import.severity", configured,
                    "use one of pm.severities (\(configuration.severities.joined(separator: " ")))", line: nil)
            }
            self.severity = configured
        }
        var all = mappings
        for (value, line) in configuration.importMappings {
            switch FieldMapping.parse(value) {
            case .success(let mapping): all.append(mapping)
            case .failure(let problem): throw invalid("import.map", value, problem.reason, line: line)
            }
        }
        self.mappings = all
        severities = configuration.severities
        timeZone = configuration.timeZone
    }

    /// The names pm looks for `field` under in a collection's front matter, in order: the mapped ones, then the
    /// built-in ones that no mapping gives to another field.
    func sources(of field: ImportField) -> [String] {
        var names: [String] = []
        for mapping in mappings where mapping.field == field && !names.contains(mapping.theirs) {
            names.append(mapping.theirs)
        }
        for name in field.builtInAliases where !names.contains(name) {
            if !mappings.contains(where: { $0.theirs == name && $0.field != field }) { names.append(name) }
        }
        return names
    }
}
