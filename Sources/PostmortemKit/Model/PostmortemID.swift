/// A postmortem's identity, `YYYY-MM-DD-slug`: the incident date and the slug of its title.
public struct PostmortemID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The most characters after the date (a 60-character slug plus a `-NNN` suffix).
    static let maximumSlugLength = Slug.maximumLength + 8

    /// The id as written, for example `2026-11-20-checkout-500s`.
    public let rawValue: String
    /// The incident date.
    let date: LocalDate
    /// The part after the date.
    let slug: String

    /// Accepts only a valid id: a real date, then lowercase ASCII letters and digits in
    /// single-hyphen-separated words; never `/`, `..`, uppercase or control characters.
    init?(validating text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 12, bytes.count <= 11 + PostmortemID.maximumSlugLength, bytes[10] == SourceByte.dash,
            let date = LocalDate(iso: SourceByte.string(bytes[0..<10]))
        else { return nil }
        let slug = bytes[11...]
        guard PostmortemID.isValidSlug(slug) else { return nil }
        self.rawValue = text
        self.date = date
        self.slug = SourceByte.string(slug)
    }

    /// The id for an incident on `date` titled `title` (before any uniqueness suffix).
    public static func make(date: LocalDate, title: String) -> PostmortemID {
        PostmortemID(date: date, slug: Slug.make(title))
    }

    /// This id with a uniqueness suffix, for example `-2`.
    func withSuffix(_ number: Int) -> PostmortemID {
        PostmortemID(date: date, slug: slug + "-\(number)")
    }

    private init(date: LocalDate, slug: String) {
        self.date = date
        self.slug = slug
        self.rawValue = date.description + "-" + slug
    }

    static func isValidSlug(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != SourceByte.dash, last != SourceByte.dash else {
            return false
        }
        var previous: UInt8 = 0
        for byte in bytes {
            let allowed = SourceByte.isDigit(byte) || (byte >= 0x61 && byte <= 0x7A) || byte == SourceByte.dash
            if !allowed || (byte == SourceByte.dash && previous == SourceByte.dash) { return false }
            previous = byte
        }
        return true
    }

    public var description: String { rawValue }

    public static func < (lhs: PostmortemID, rhs: PostmortemID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = PostmortemID(validating: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid postmortem id '\(text)'")
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
