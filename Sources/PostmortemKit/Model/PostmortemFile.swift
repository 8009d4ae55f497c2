/// A postmortem file as stored: where it is and its bytes, before parsing.
public struct PostmortemFile: Hashable, Sendable {
    /// Path relative to the repository root, with `/` separators.
    public var path: String
    /// The file name without `.md`: the postmortem's id as the repository knows it.
    public var id: String
    /// The raw content.
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        id = PostmortemFile.id(ofPath: path)
    }

    /// The id a file at `path` has: its name without `.md`.
    static func id(ofPath path: String) -> String {
        // On UTF-8 bytes: this runs for every file of large repositories.
        let bytes = path.utf8
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        var end = bytes.endIndex
        if bytes.distance(from: start, to: end) >= 3 {
            let dot = bytes.index(end, offsetBy: -3)
            let suffix = Array(bytes[dot...]).map { $0 | 0x20 }
            if suffix == Array(".md".utf8) { end = dot }
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// True for a file at `path` (from the repository root) that pm reads as a postmortem of `directory`: a
    /// postmortem name below the folder, with no folder on the way set aside (`.name`, `_name`).
    static func isPostmortemPath(_ path: String, inFolder directory: String) -> Bool {
        let prefix = directory + "/"
        guard path.hasPrefix(prefix) else { return false }
        let components = path.dropFirst(prefix.count).split(separator: "/")
        guard let name = components.last else { return false }
        return isPostmortemName(String(name)) && !components.dropLast().contains { $0.hasPrefix(".") || $0.hasPrefix("_") }
    }

    /// True for a name pm treats as a postmortem inside the folder: `*.md`, not a README or index, not hidden
    /// (`.name`) or set aside (`_name`); folders with such names are skipped too.
    static func isPostmortemName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".md") && !name.hasPrefix(".") && !name.hasPrefix("_")
            && lower != "readme.md" && lower != "index.md"
    }
}
