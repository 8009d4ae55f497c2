import Foundation
import Git

/// One postmortem at HEAD as follow-through sees it: its metadata, timestamps and action items, each with the
/// commits that opened and closed it.
public struct Incident: Sendable {
    var id: String
    var path: String
    var title: String
    public var date: LocalDate?
    var severity: String?
    var status: Status?
    var services: [String]
    var tags: [String]
    var authors: [String]
    var facts: PostmortemFacts
    public var actionItems: [TrackedActionItem]

    var durations: Durations { facts.durations }

    /// True when `visibility: public`, spelled exactly so: the checker, `pm export` and `pm feed` read any other
    /// spelling (`Public`) as a value pm does not know, never as public.
    var isPublic: Bool { Visibility(frontMatterValue: facts.visibility) == .public }
}

/// An action item of a postmortem at HEAD, with what git's history says of it.
public struct TrackedActionItem: Sendable {
    public var postmortemID: String
    public var postmortemTitle: String
    public var path: String
    public var facts: ActionItemFacts
    /// The commit that first held the item.
    public var opened: HistoryMark?
    /// For a done item, the commit that ticked its box (the first of the versions it has been done in since).
    public var completed: HistoryMark?

    /// `<postmortem-id>#<n>`.
    public var reference: String { "\(postmortemID)#\(facts.number)" }
    public var isDone: Bool { facts.isDone }

    /// Whole days past its due date on `today` for an open item (0 on the day it falls due: due, not late);
    /// nil when it is done or has no valid due date.
    public func daysOverdue(on today: LocalDate) -> Int? {
        guard !facts.isDone, let due = facts.due else { return nil }
        return today.daysSinceEpoch - due.daysSinceEpoch
    }

    /// True when it is open and its due date has passed.
    public func isOverdue(on today: LocalDate) -> Bool { (daysOverdue(on: today) ?? 0) > 0 }

    /// How long it took to close: from the commit that opened it to the one that ticked it.
    var timeToClose: TimeInterval? {
        guard let opened, let completed else { return nil }
        return max(0, completed.date.timeIntervalSince(opened.date))
    }
}

/// A commit named as the one that did something: its id, time and author.
public struct HistoryMark: Sendable, Equatable {
    public var commit: OID
    public var date: Date
    public var author: String

    init(commit: OID, date: Date, author: String) {
        self.commit = commit
        self.date = date
        self.author = author
    }
}
