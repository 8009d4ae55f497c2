import Foundation

/// Which link destinations public output keeps: `http`, `https` and `mailto` URLs, and relative references. Any
/// other scheme (`javascript:`, `data:`, `vbscript:`, `file:` …) is dropped, and the link shows as its text.
public enum LinkPolicy {
    /// The schemes a published link may use.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The destination to write into `href`, or nil when the link must not be published.
    ///
    /// Control characters, tabs and newlines are removed before the scheme is read, as browsers do (so
    /// `java\tscript:` is seen as `javascript:`); spaces are percent-encoded.
    static func safeDestination(_ destination: String) -> String? {
        var scalars = String.UnicodeScalarView()
        for scalar in destination.unicodeScalars where scalar.value > 0x20 || scalar == " " {
            guard HTMLEscaper.isPublishable(scalar) else { continue }
            scalars.append(scalar)
        }
        let cleaned = String(scalars).trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { return nil }
        if let scheme = scheme(of: cleaned) {
            guard allowedSchemes.contains(scheme.lowercased()) else { return nil }
            guard cleaned.count > scheme.count + 1 else { return nil }
        }
        return cleaned.replacingOccurrences(of: " ", with: "%20")
    }

    /// The destination to write into `href` when `text` is nothing but one absolute `http` or `https` URL with a
    /// host (a front-matter `url:` field), else nil: text that only contains a URL, or a URL of any other scheme
    /// (`javascript:`), stays text.
    public static func webURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains(where: { $0.isWhitespace }), let scheme = scheme(of: trimmed),
            ["http", "https"].contains(scheme.lowercased()),
            trimmed.dropFirst(scheme.count + 1).hasPrefix("//"), trimmed.count > scheme.count + 3,
            let destination = safeDestination(trimmed), destination == trimmed
        else { return nil }
        return destination
    }

    /// The scheme of `reference` (`https` in `https://…`), or nil for a relative reference.
    static func scheme(of reference: String) -> String? {
        guard let colon = reference.firstIndex(of: ":") else { return nil }
        let candidate = reference[..<colon]
        // A `/`, `?` or `#` before the first colon makes it a path, query or fragment, not a scheme.
        guard !candidate.contains(where: { "/?#".contains($0) }) else { return nil }
        return String(candidate)
    }
}
