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
        // On contiguous UTF-8 bytes, without a copy: this runs for every file of large repositories.
        var path = path
        return path.withUTF8 { bytes in
            var start = bytes.count
            while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            let end = hasMarkdownSuffix(UnsafeBufferPointer(rebasing: bytes[start...])) ? bytes.count - 3 : bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// True for a file at `path` (from the repository root) that pm reads as a postmortem of `directory`: a
    /// postmortem name below the folder, with no folder on the way set aside (`.name`, `_name`).
    static func isPostmortemPath(_ path: String, inFolder directory: String) -> Bool {
        // On contiguous UTF-8 bytes, without a copy: this runs for every entry of git's index and every changed file.
        var path = path
        var directory = directory
        return path.withUTF8 { bytes in
            directory.withUTF8 { prefix in
                guard bytes.count > prefix.count + 1, bytes[prefix.count] == UInt8(ascii: "/"),
                    bytes[..<prefix.count].elementsEqual(prefix)
                else { return false }
                var componentStart = prefix.count + 1
                for position in componentStart..<bytes.count where bytes[position] == UInt8(ascii: "/") {
                    if bytes[componentStart] == UInt8(ascii: ".") || bytes[componentStart] == UInt8(ascii: "_") { return false }
                    componentStart = position + 1
                }
                return componentStart < bytes.count && isPostmortemName(UnsafeBufferPointer(rebasing: bytes[componentStart...]))
            }
        }
    }

    /// True for a name pm treats as a postmortem inside the folder: `*.md`, not a README or index, not hidden
    /// (`.name`) or set aside (`_name`); folders with such names are skipped too.
    static func isPostmortemName(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { isPostmortemName($0) }
    }

    /// `isPostmortemName` on the UTF-8 bytes of a name. The names it compares with are ASCII, and no other
    /// character lowercases to one of their letters, so folding ASCII letters alone decides as `lowercased()` would.
    static func isPostmortemName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard hasMarkdownSuffix(name), let first = name.first, first != UInt8(ascii: "."), first != UInt8(ascii: "_")
        else { return false }
        return !equalsIgnoringASCIICase(name, "readme.md") && !equalsIgnoringASCIICase(name, "index.md")
    }

    /// True when the bytes end with `.md` in any case.
    static func hasMarkdownSuffix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        return count >= 3 && bytes[count - 3] == UInt8(ascii: ".") && bytes[count - 2] | 0x20 == UInt8(ascii: "m")
            && bytes[count - 1] | 0x20 == UInt8(ascii: "d")
    }

    /// True when the bytes spell `lowercase`, an ASCII word of lowercase letters and dots, in any case.
    private static func equalsIgnoringASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let word = lowercase.utf8Start
        for offset in 0..<bytes.count {
            let byte = bytes[offset]
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if folded != word[offset] { return false }
        }
        return true
    }
}
