import Foundation

/// The data the index page's filters and search run over, as a script that assigns it to `window.PM_SITE_INDEX`.
///
/// A script rather than a JSON file: a page opened from `file://` may not `fetch()` a file next to it, but it may
/// load a script. The JSON is made safe to sit inside `<script>`: `<`, `>` and `&` are written `\u003c`, `\u003e`
/// and `\u0026`, so a title such as `</script>` cannot end the script, and U+2028/U+2029 are escaped for older
/// JavaScript engines.
struct SiteSearchIndex {
    /// One postmortem as the search sees it (what the audience may read, nothing more).
    struct Record {
        var id: String
        var title: String
        var url: String
        var date: String?
        var year: String?
        var severity: String?
        var status: String?
        var services: [String]
        var tags: [String]
        var authors: [String]
        /// The text of the sections the audience may read, for the free-text search and its snippets.
        var text: String

        /// A field without a value is left out: the page's script reads a missing field as none.
        var json: JSONValue {
            var members: [(String, JSONValue)] = [
                ("id", .string(id)), ("title", .string(title)), ("url", .string(url)), ("services", .strings(services)),
                ("tags", .strings(tags)), ("authors", .strings(authors)), ("text", .string(text)),
            ]
            for (key, value) in [("date", date), ("year", year), ("severity", severity), ("status", status)] {
                if let value { members.append((key, .string(value))) }
            }
            return .object(members)
        }
    }

    var entries: [SiteEntry]
    var audience: SiteAudience

    var records: [Record] {
        entries.map { entry in
            func clean(_ values: [String]) -> [String] { values.map(HTMLEscaper.removingControlCharacters) }
            return Record(
                id: entry.id, title: entry.title, url: entry.page, date: entry.date?.description,
                year: entry.date.map { String($0.year) }, severity: entry.severity.map(HTMLEscaper.removingControlCharacters),
                status: audience == .internal ? entry.status?.rawValue : nil, services: clean(entry.services),
                tags: clean(entry.tags), authors: clean(entry.authors), text: entry.searchText())
        }
    }

    /// The script's text.
    func script() -> String {
        let payload = JSONValue.object([("audience", .string(audience.rawValue)), ("postmortems", .array(records.map(\.json)))])
        return "window.PM_SITE_INDEX = " + SiteSearchIndex.scriptSafe(payload.serialized(.compact)) + ";\n"
    }

    /// JSON text that can sit inside a `<script>` element or file: the characters that could end or confuse it are
    /// written as `\u` escapes. Outside strings JSON never holds them, so this never changes what the JSON means.
    static func scriptSafe(_ json: String) -> String {
        var output = ""
        output.unicodeScalars.reserveCapacity(json.unicodeScalars.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
