import Foundation
import Git

/// The settings of a postmortem repository, from `.pmconfig` (git-config syntax) over built-in defaults.
public struct Configuration: Sendable {
    /// The name of the configuration file at the repository root.
    public static let fileName = ".pmconfig"

    /// Where postmortems live, relative to the repository root, without a trailing slash.
    public var directory = "postmortems"
    /// A team template, relative to the repository root (`pm.template`); `.pm/template.md` is used when present.
    var templatePath: String?
    /// The severities, most severe first.
    public var severities = ["SEV1", "SEV2", "SEV3", "SEV4"]
    /// The severity `pm new` uses when none is given.
    var defaultSeverity: String?
    /// Section titles every postmortem must have (any alias of a known section counts).
    var requiredSections = ["Summary", "Impact", "Timeline", "Root cause", "Action items"]
    /// Section titles that public output (`pm export`, `pm feed`) shows, in any order; every other section stays
    /// internal. Aliases of known sections count, as for `requiredSections`.
    public var publicSections = ["Summary", "Impact", "Timeline", "Root cause", "Action items"]
    /// Front-matter keys other than pm's own (`url`, `product`…) that public output (`pm export`, `pm feed`,
    /// `pm site --public`) shows beside the public facts; none by default, as a team's own fields may hold anything.
    public var publicFields: [String] = []
    /// The title of the Atom feed (`pm.feedTitle`).
    public var feedTitle = "Postmortems"
    /// The feed's author (`pm.feedAuthor`); the feed title when not set.
    var feedAuthor: String?
    /// Where the published pages live (`pm.baseURL`): an http(s) URL without a trailing slash.
    public var baseURL: String?
    /// The zone of timestamps and times written without one.
    public var timeZone = TimeZone(identifier: "UTC") ?? TimeZone.current
    /// Per-rule levels from `check.<rule-id>`: `error`, `warning` or `off`.
    var ruleLevels: [String: String] = [:]
    /// The findings baseline file, relative to the repository root (`check.baseline`).
    public var baselinePath = FindingsBaseline.defaultPath
    /// Extra blame phrases (`blameless.phrase`), each optionally `phrase => suggested rewrite`.
    var extraBlamePhrases: [String] = []
    /// Built-in blame phrases a team has silenced (`blameless.allow`).
    var allowedBlamePhrases: [String] = []
    /// Namespaces of references the server's `pre-receive` hook does not check (`hooks.skipRefs`, e.g.
    /// `refs/notes/*`): glob patterns whose `*` matches any characters, `/` included. Commits pushed there are
    /// still checked when a reference outside them reaches them.
    var skippedReferences: [String] = []
    /// `pm import`'s settings (`[import]`), as written: checked by `pm import` itself, so that a mistake in them stops
    /// only the import. `status` and `severity` for the files that have none; each `map` is `pm-field=their-field`.
    var importStatus: String?
    var importSeverity: String?
    var importMappings: [(value: String, line: Int?)] = []
    /// Warnings found while reading (unknown keys), to show the user.
    public var warnings: [ConfigurationError] = []
    /// How messages name the file the settings came from (`.pmconfig`, `HEAD:.pmconfig`).
    var sourcePath = fileName
    /// The line each key was set on, by its lower-case name (`pm.directory`), for messages about its value.
    var keyLines: [String: Int] = [:]

    public init() {}

    /// The effective severity for `pm new` when the user names none: the configured default or the least severe.
    public var fallbackSeverity: String { defaultSeverity ?? severities.last ?? "SEV4" }

    /// The front-matter keys pm reads itself (`Postmortem.knownFields`; a test keeps the two lists the same), which
    /// `pm.publicFields` cannot name: whether they are published is pm's rule, not a setting.
    static let postmortemFields: Set<String> = [
        "title", "date", "severity", "status", "services", "tags", "authors", "related", "supersedes",
        "visibility", "started", "detected", "acknowledged", "mitigated", "resolved",
    ]

    /// Keys pm understands, in their canonical spelling.
    static let knownKeys = [
        "pm.directory", "pm.template", "pm.severities", "pm.defaultSeverity", "pm.requiredSections", "pm.timezone",
        "pm.publicSections", "pm.publicFields", "pm.feedTitle", "pm.feedAuthor", "pm.baseURL",
        "blameless.phrase", "blameless.allow", "hooks.skipRefs", "check.baseline", "import.status", "import.severity",
        "import.map",
    ]

    /// Reads `.pmconfig` text (git-config syntax) through libgit2, validating every value.
    /// - Parameter path: how to name the file in messages.
    public static func parse(_ text: String, path: String = fileName) throws -> Configuration {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("pmconfig-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw ConfigurationError(message: "could not read the configuration: \(error.localizedDescription)", path: path)
        }
        defer { try? FileManager.default.removeItem(at: temporary) }  // cleanup of pm's own temporary file
        return try load(file: temporary.path, text: text, displayPath: path)
    }

    /// Reads a `.pmconfig` file from disk; a missing file gives the defaults.
    static func load(contentsOf filePath: String, displayPath: String = fileName) throws -> Configuration {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isFolder) else { return Configuration() }
        if isFolder.boolValue {
            throw ConfigurationError(message: "is a folder; .pmconfig must be a file in git-config syntax", path: displayPath)
        }
        // A file whose size cannot be read cannot be read either: the check below reports it.
        if let size = (try? FileManager.default.attributesOfItem(atPath: filePath))?[.size] as? Int, size > maximumSize {
            throw ConfigurationError(
                message: "is \(size) bytes; pm reads at most \(maximumSize) bytes of configuration", path: displayPath)
        }
        guard let data = FileManager.default.contents(atPath: filePath) else {
            throw ConfigurationError(message: "cannot be read (check its permissions)", path: displayPath)
        }
        return try load(file: filePath, text: String(decoding: data, as: UTF8.self), displayPath: displayPath)
    }

    /// The largest `.pmconfig` pm reads: a few settings take a few hundred bytes, and a huge file would only cost
    /// memory and time in every command.
    static let maximumSize = 1 << 20

    private static func load(file: String, text: String, displayPath: String) throws -> Configuration {
        guard text.utf8.count <= maximumSize else {
            throw ConfigurationError(
                message: "is \(text.utf8.count) bytes; pm reads at most \(maximumSize) bytes of configuration", path: displayPath)
        }
        // libgit2 reads a config file as a C string: everything after a NUL byte was silently ignored, so a
        // binary or corrupted .pmconfig gave the defaults without a word.
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].count(where: { $0 == 0x0A }) + 1
            throw ConfigurationError(
                message: "contains a NUL byte (a binary file?); .pmconfig is a text file in git-config syntax",
                path: displayPath, line: line)
        }
        // A cloned repository's .pmconfig must not make pm read files outside it.
        if let line = ConfigurationLineLocator(text: text).includeLine {
            throw ConfigurationError(
                message:
                    "includes ([include] or [includeIf]) are not allowed in .pmconfig; write the settings in the file itself",
                path: displayPath, line: line)
        }
        let entries: [ConfigEntry]
        do {
            entries = try Config.file(at: file).entries()
        } catch let error as GitError {
            let (message, line) = ConfigurationLineLocator.split(libgit2Message: error.message, file: file)
            throw ConfigurationError(message: "does not parse as git-config syntax: \(message)", path: displayPath, line: line)
        }
        let locator = ConfigurationLineLocator(text: text)
        // Whatever the text scan missed, libgit2 reports an include as an entry: refused all the same.
        if let include = entries.first(where: {
            $0.name.lowercased() == "include.path" || $0.name.lowercased().hasPrefix("includeif.")
        }) {
            throw ConfigurationError(
                message:
                    "includes ([include] or [includeIf]) are not allowed in .pmconfig; write the settings in the file itself",
                path: displayPath, line: locator.line(of: include.name))
        }
        var configuration = Configuration()
        configuration.sourcePath = displayPath
        for entry in entries {
            let line = locator.line(of: entry.name)
            if let line { configuration.keyLines[entry.name.lowercased()] = line }
            func fail(_ message: String) -> ConfigurationError {
                ConfigurationError(
                    message: "invalid value '\(entry.value)' for \(entry.name): \(message)", path: displayPath, line: line)
            }
            let value = entry.value.trimmingCharacters(in: .whitespaces)
            switch entry.name.lowercased() {
            case "pm.directory":
                let trimmed = value.split(separator: "/").joined(separator: "/")
                guard !trimmed.isEmpty, !value.hasPrefix("/"),
                    !trimmed.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || isGitFolderName($0) }),
                    !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else {
                    throw fail("use a folder inside the repository, e.g. 'postmortems' or 'docs/incidents'")
                }
                configuration.directory = trimmed
            case "pm.template":
                guard !value.isEmpty, !value.hasPrefix("/"), !value.split(separator: "/").contains("..") else {
                    throw fail("use a path inside the repository, e.g. '.pm/template.md'")
                }
                guard !value.split(separator: "/").contains(where: isGitFolderName) else {
                    throw fail("the template cannot be in the git folder; use a file of the working tree, e.g. '.pm/template.md'")
                }
                configuration.templatePath = value
            case "pm.severities":
                let names = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                guard !names.isEmpty, Set(names).count == names.count,
                    names.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
                else {
                    throw fail("list distinct names separated by spaces, most severe first, e.g. 'SEV1 SEV2 SEV3'")
                }
                configuration.severities = names
            case "pm.defaultseverity":
                configuration.defaultSeverity = value
            case "pm.requiredsections":
                let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard !names.isEmpty else { throw fail("list section titles separated by commas, e.g. 'Summary, Impact'") }
                configuration.requiredSections = names
            case "pm.publicsections":
                let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard !names.isEmpty else {
                    throw fail("list the section titles public output shows, separated by commas, e.g. 'Summary, Impact'")
                }
                configuration.publicSections = names
            case "pm.publicfields":
                let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard !names.isEmpty else { throw fail("list front-matter keys separated by commas, e.g. 'url, product'") }
                if let bad = names.first(where: { name in
                    !name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
                }) {
                    throw fail("'\(bad)' is not a front-matter key; keys use only letters, digits, '-' and '_'")
                }
                if let own = names.first(where: Configuration.postmortemFields.contains) {
                    throw fail(
                        "'\(own)' is a field pm reads itself, which public output shows as far as it may already; list other front-matter keys, e.g. 'url, product'"
                    )
                }
                configuration.publicFields = names
            case "pm.feedtitle", "pm.feedauthor":
                guard !value.isEmpty, !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else { throw fail("write a name on one line, e.g. 'Acme status'") }
                if entry.name.lowercased() == "pm.feedtitle" {
                    configuration.feedTitle = value
                } else {
                    configuration.feedAuthor = value
                }
            case "pm.baseurl":
                guard let url = Configuration.baseURL(value) else {
                    throw fail("use an absolute http or https URL, e.g. 'https://status.example.com/postmortems'")
                }
                configuration.baseURL = url
            case "pm.timezone":
                guard let zone = Configuration.timeZone(named: value) else {
                    throw fail("use 'UTC', an IANA name such as 'Europe/Berlin', or an offset such as '+02:00'")
                }
                configuration.timeZone = zone
            case "blameless.phrase":
                guard !value.isEmpty else { throw fail("write the phrase, optionally followed by ' => ' and a rewrite") }
                configuration.extraBlamePhrases.append(value)
            case "blameless.allow":
                guard !value.isEmpty else { throw fail("write the built-in phrase to silence") }
                configuration.allowedBlamePhrases.append(value)
            case "hooks.skiprefs":
                guard value.hasPrefix("refs/"), value.count > "refs/".count,
                    !value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
                else { throw fail("name a namespace of references, such as refs/notes/* or refs/pull/*") }
                configuration.skippedReferences.append(value)
            case "import.status":
                configuration.importStatus = value
            case "import.severity":
                configuration.importSeverity = value
            case "import.map":
                configuration.importMappings.append((value, line))
            case "check.baseline":
                // `check.<rule-id>` sets a rule's level; `baseline` is no rule id (a test keeps it that way).
                let trimmed = value.split(separator: "/").joined(separator: "/")
                guard !trimmed.isEmpty, !value.hasPrefix("/"), !value.hasSuffix("/"),
                    !trimmed.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || isGitFolderName($0) }),
                    !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else {
                    throw fail("use a file inside the repository, e.g. '.pm-baseline.json' or 'ci/pm-baseline.json'")
                }
                configuration.baselinePath = trimmed
            case let name where name.hasPrefix("check."):
                let level = value.lowercased()
                guard ["error", "warning", "off"].contains(level) else { throw fail("use error, warning or off") }
                let id = String(entry.name.dropFirst("check.".count))
                guard RuleRegistry.rule(id: id) != nil else {
                    // A misspelt rule id would leave the rule at its default level without a word.
                    let ids = RuleRegistry.all.map { $0.description.id } + ["baseline"]
                    var message = "unknown key '\(entry.name)': no rule has the id '\(id)'"
                    if let near = EditDistance.nearest(to: id, among: ids) {
                        message += "; did you mean 'check.\(near)'?"
                    } else {
                        message += "; 'pm rules' lists the rule ids"
                    }
                    configuration.warnings.append(ConfigurationError(message: message, path: displayPath, line: line))
                    continue
                }
                configuration.ruleLevels[id] = level
            default:
                var message = "unknown key '\(entry.name)'"
                let known = knownKeys.map { $0.lowercased() }
                if let near = EditDistance.nearest(to: entry.name.lowercased(), among: known, limit: 3),
                    let spelled = knownKeys.first(where: { $0.lowercased() == near })
                {
                    message += "; did you mean '\(spelled)'?"
                }
                configuration.warnings.append(ConfigurationError(message: message, path: displayPath, line: line))
            }
        }
        if configuration.baselinePath.hasPrefix(configuration.directory + "/"),
            configuration.baselinePath.lowercased().hasSuffix(".md")
        {
            throw ConfigurationError(
                message:
                    "check.baseline '\(configuration.baselinePath)' would be read as a postmortem (a .md file in \(configuration.directory)/); name a .json file, e.g. '.pm-baseline.json'",
                path: displayPath, line: locator.line(of: "check.baseline"))
        }
        if let fallback = configuration.defaultSeverity, !configuration.severities.contains(fallback) {
            throw ConfigurationError(
                message:
                    "pm.defaultSeverity '\(fallback)' is not one of pm.severities (\(configuration.severities.joined(separator: " ")))",
                path: displayPath, line: locator.line(of: "pm.defaultseverity"))
        }
        return configuration
    }

    /// True for a path component git treats as its own folder: `.git` in any case, and the spellings that name it on
    /// case-insensitive or normalising file systems (`.git.`, `.git `, `git~1`, `.git` with ignorable characters).
    static func isGitFolderName(_ component: Substring) -> Bool {
        let ignorable: (Unicode.Scalar) -> Bool = { scalar in
            (0x200C...0x200F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x206A...0x206F).contains(scalar.value) || scalar.value == 0xFEFF
        }
        var name = String(String.UnicodeScalarView(component.unicodeScalars.filter { !ignorable($0) })).lowercased()
        while name.hasSuffix(".") || name.hasSuffix(" ") { name.removeLast() }
        return name == ".git" || name == "git~1"
    }

    /// A base URL for published pages, normalized without a trailing slash; nil unless it is an absolute http or https
    /// URL with a host and no query, fragment, credentials, spaces or control characters.
    public static func baseURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.value > 0x7E }),
            let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil, components.password == nil
        else { return nil }
        var result = trimmed
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// `UTC`, `Z`, an IANA zone name, or a fixed offset like `+02:00` / `-0500`.
    static func timeZone(named name: String) -> TimeZone? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.uppercased() == "UTC" || trimmed == "Z" || trimmed.uppercased() == "GMT" {
            return TimeZone(identifier: "UTC")
        }
        if let first = trimmed.first, first == "+" || first == "-" {
            let digits = trimmed.dropFirst().replacingOccurrences(of: ":", with: "")
            guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
            let hours = digits.count == 4 ? value / 100 : value
            let minutes = digits.count == 4 ? value % 100 : 0
            guard hours <= 14, minutes < 60 else { return nil }
            let seconds = (hours * 3600 + minutes * 60) * (first == "-" ? -1 : 1)
            return TimeZone(secondsFromGMT: seconds)
        }
        guard trimmed.contains("/"), let zone = TimeZone(identifier: trimmed) else { return nil }
        return zone
    }
}

/// Finds the line a configuration key was written on, since libgit2's entries carry no position.
struct ConfigurationLineLocator {
    private var lines: [String: Int] = [:]
    /// The line of the first `[include]` or `[includeIf …]` section header, if any.
    private(set) var includeLine: Int?

    init(text: String) {
        var section = ""
        // libgit2 skips a byte-order mark at the start and any of space, tab, CR, VT and FF before a line: so does
        // this scan, or `\u{FEFF}[include]` or `\f[include]` would slip past the include check.
        let gitSpace = CharacterSet(charactersIn: " \t\r\u{0B}\u{0C}")
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // "\r\n" is one Character: split on it too, or a CRLF file would read as one line and hide its sections.
        let rawLines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (offset, rawLine) in rawLines.enumerated() {
            let line = rawLine.trimmingCharacters(in: gitSpace)
            if line.hasPrefix("[") {
                var header = line.dropFirst().prefix { $0 != "]" }
                var subsection = ""
                if let quote = header.firstIndex(of: "\"") {
                    subsection = "." + header[header.index(after: quote)...].replacingOccurrences(of: "\"", with: "")
                    header = header[..<quote]
                }
                section = header.trimmingCharacters(in: .whitespaces).lowercased() + subsection
                if includeLine == nil, section.hasPrefix("include") { includeLine = offset + 1 }
                continue
            }
            guard !line.isEmpty, !line.hasPrefix("#"), !line.hasPrefix(";") else { continue }
            let key = line.prefix { $0 != "=" && $0 != " " && $0 != "\t" }.lowercased()
            let name = "\(section).\(key)"
            if lines[name] == nil { lines[name] = offset + 1 }
        }
    }

    /// 1-based line of a dotted key name, case-insensitively.
    func line(of name: String) -> Int? {
        lines[name.lowercased()] ?? lines.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// libgit2 reports syntax errors as "… (in /path/file:N)" or "… at line N, column M"; returns the message
    /// without the temporary file's path, and N.
    static func split(libgit2Message message: String, file: String) -> (String, Int?) {
        if let range = message.range(of: " (in \(file):") {
            let line = Int(message[range.upperBound...].prefix { $0.isNumber })
            let text = message[..<range.lowerBound].replacingOccurrences(of: "failed to parse config file: ", with: "")
            return (text, line)
        }
        let text = message.replacingOccurrences(of: " in \(file)", with: "")
        guard let range = message.range(of: "line ") else { return (text, nil) }
        return (text, Int(message[range.upperBound...].prefix { $0.isNumber }))
    }
}
