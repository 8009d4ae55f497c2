import Foundation

/// What follow-through needs of one version of a postmortem: its incident timestamps, its visibility and its
/// action items. The search index keeps these for every version, so `pm actions` and `pm stats` read them from
/// there instead of parsing thousands of files, and completion dates come from the versions' commits.
struct PostmortemFacts: Sendable, Equatable {
    /// `visibility:` as written (nil when absent: internal).
    var visibility: String?
    var started: Date?
    var detected: Date?
    var acknowledged: Date?
    var mitigated: Date?
    var resolved: Date?
    var actionItems: [ActionItemFacts]

    init(
        visibility: String? = nil, started: Date? = nil, detected: Date? = nil, acknowledged: Date? = nil,
        mitigated: Date? = nil, resolved: Date? = nil, actionItems: [ActionItemFacts] = []
    ) {
        self.visibility = visibility
        self.started = started
        self.detected = detected
        self.acknowledged = acknowledged
        self.mitigated = mitigated
        self.resolved = resolved
        self.actionItems = actionItems
    }

    /// The facts of a parsed postmortem.
    init(_ postmortem: Postmortem) {
        self.init(
            visibility: postmortem.visibility, started: postmortem.started, detected: postmortem.detected,
            acknowledged: postmortem.acknowledged, mitigated: postmortem.mitigated, resolved: postmortem.resolved,
            actionItems: postmortem.actionItems.map(ActionItemFacts.init))
    }

    /// The durations computed from the timestamps, as `pm show` computes them.
    var durations: Durations {
        Durations(started: started, detected: detected, acknowledged: acknowledged, mitigated: mitigated, resolved: resolved)
    }
}

/// One action item of one version, as written.
public struct ActionItemFacts: Sendable, Equatable {
    /// Its position in the list, from 1: the `#n` of its reference.
    public var number: Int
    public var line: Int
    public var action: String
    public var owner: String?
    /// The due date, when it is a valid date.
    public var due: LocalDate?
    public var ticket: String?
    /// The type as written.
    public var type: String?
    public var priority: String?
    var isDone: Bool
    /// `identityKey` as the index stored it, so that reading an item back does not hash its text again.
    var storedIdentityKey: UInt64?

    init(
        number: Int, line: Int, action: String, owner: String? = nil, due: LocalDate? = nil, ticket: String? = nil,
        type: String? = nil, priority: String? = nil, isDone: Bool
    ) {
        self.number = number
        self.line = line
        self.action = action
        self.owner = owner
        self.due = due
        self.ticket = ticket
        self.type = type
        self.priority = priority
        self.isDone = isDone
    }

    init(_ item: ActionItem) {
        func present(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        self.init(
            number: item.number, line: item.line, action: item.action, owner: present(item.owner), due: item.due,
            ticket: present(item.ticket), type: present(item.typeText), priority: present(item.priority),
            isDone: item.isDone)
    }

    /// What identifies the item from one version to the next: its action, without case or spacing differences
    /// (the owner, the due date and the checkbox change; what is to be done rarely does).
    var identity: String { ActionItemFacts.identity(of: action) }

    /// A hash of `identity`: what the index stores, so that following an item through its versions decodes no
    /// text.
    var identityKey: UInt64 {
        if let storedIdentityKey { return storedIdentityKey }
        var bytes: [UInt8] = []
        var action = action
        action.withUTF8 { text in
            // ASCII is folded byte by byte; other text is lowercased by the standard library.
            guard text.allSatisfy({ $0 < 0x80 }) else {
                bytes = Array(ActionItemFacts.identity(of: String(decoding: text, as: UTF8.self)).utf8)
                return
            }
            bytes.reserveCapacity(text.count)
            var pendingSpace = false
            for byte in text {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !bytes.isEmpty
                    continue
                }
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
        }
        return bytes.withUnsafeBytes { IndexChecksum.of($0) }
    }

    static func identity(of action: String) -> String {
        action.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
