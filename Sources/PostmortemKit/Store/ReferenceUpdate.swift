/// One reference a push updates, as git hands it to `pre-receive`: `<old id> <new id> <name>`.
public struct ReferenceUpdate: Sendable, Equatable {
    /// The full name, e.g. `refs/heads/main`.
    public var name: String
    /// The ids before and after, as hexadecimal; all zeros for a reference created (old) or deleted (new).
    var old: String
    var new: String

    init(name: String, old: String, new: String) {
        self.name = name
        self.old = old
        self.new = new
    }

    /// True when the push deletes the reference: nothing arrives, nothing to check.
    public var isDeletion: Bool { PostmortemStore.isZeroID(new) }

    /// Reads `pre-receive`'s standard input: one update a line; a line that is not `<id> <id> <name>` is an error,
    /// as it means the input is not what git sends.
    public static func parse(_ text: String) throws -> [ReferenceUpdate] {
        var updates: [ReferenceUpdate] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            // Reference names cannot hold spaces, so the line splits into exactly three fields.
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, isHexID(fields[0]), isHexID(fields[1]), fields[2].hasPrefix("refs/") else {
                throw StoreError(
                    .failure,
                    "pre-receive input line is not '<old id> <new id> <reference>': \(String(line).debugDescription)")
            }
            updates.append(ReferenceUpdate(name: String(fields[2]), old: String(fields[0]), new: String(fields[1])))
        }
        return updates
    }

    private static func isHexID(_ text: Substring) -> Bool {
        (text.count == 40 || text.count == 64)
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
