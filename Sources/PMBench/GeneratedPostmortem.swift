/// A postmortem of a generated history, kept as fields so that later commits can edit it and write it again.
struct GeneratedPostmortem {
    /// Where a postmortem is in its lifecycle.
    enum Status: String {
        case draft
        case inReview = "in-review"
        case published

        /// The status a review moves it to, nil once published.
        var next: Status? {
            switch self {
            case .draft: .inReview
            case .inReview: .published
            case .published: nil
            }
        }
    }

    /// One line of the timeline: a time and what happened.
    struct TimelineEntry {
        var time: UTCMinute
        let text: String
    }

    /// A follow-up in the Action items section.
    struct ActionItem {
        var isDone: Bool
        let action: String
        let owner: String
        let due: UTCMinute
        let ticket: String
        /// One of the action-item types of docs/format.md, or nil when the writer left it out.
        let type: String?
    }

    /// The id without its date: the title's slug, plus `-2`, `-3`, … when another postmortem of that day had it.
    var slug: String
    var title: String
    var severity: Int
    var status: Status
    var services: [String]
    var tags: [String]
    var authors: [Person]
    /// When the problem started, was detected, acknowledged, mitigated and resolved, in that order.
    var milestones: [UTCMinute]
    var summary: String
    var impact: String
    var timeline: [TimelineEntry]
    var rootCause: [String]
    var wentWell: [String]
    var wentBadly: [String]
    var actionItems: [ActionItem]

    /// The incident date (the day it started).
    var date: UTCMinute { milestones[0] }

    /// `YYYY-MM-DD-slug`.
    var id: String { "\(date.dateText)-\(slug)" }

    /// The file, in one folder per year so that no tree of the history holds thousands of entries.
    var path: String { "postmortems/\(date.year)/\(id).md" }

    /// Moves the incident, its timeline and its milestones by whole days (due dates stay).
    mutating func shiftDate(byDays days: Int) {
        let offset = days * UTCMinute.minutesPerDay
        milestones = milestones.map { $0.adding(minutes: offset) }
        for index in timeline.indices { timeline[index].time = timeline[index].time.adding(minutes: offset) }
    }

    /// The file's text: front matter, then the template's sections.
    var markdown: String {
        var text = """
            ---
            title: "\(title)"
            date: \(date.dateText)
            severity: SEV\(severity)
            status: \(status.rawValue)
            services: [\(services.joined(separator: ", "))]
            tags: [\(tags.joined(separator: ", "))]
            authors: [\(authors.map(\.handle).joined(separator: ", "))]
            started: \(milestones[0].timestampText)
            detected: \(milestones[1].timestampText)
            acknowledged: \(milestones[2].timestampText)
            mitigated: \(milestones[3].timestampText)
            resolved: \(milestones[4].timestampText)
            ---

            ## Summary

            \(summary)

            ## Impact

            \(impact)

            ## Timeline


            """
        var previousDay = date.day
        for entry in timeline {
            // A bare time takes the date of the entry before it, so the date is written only when it changes.
            let time = entry.time.day == previousDay ? entry.time.clockText : "\(entry.time.dateText) \(entry.time.clockText)"
            text += "- \(time) \(entry.text)\n"
            previousDay = entry.time.day
        }
        text += "\n## Root cause\n\n\(rootCause.joined(separator: " "))\n\n## What went well\n\n"
        for line in wentWell { text += "- \(line)\n" }
        text += "\n## What did not go well\n\n"
        for line in wentBadly { text += "- \(line)\n" }
        text += "\n## Action items\n\n"
        for item in actionItems {
            text += "- [\(item.isDone ? "x" : " ")] \(item.action) — owner: @\(item.owner) — due: \(item.due.dateText)"
            text += " — ticket: \(item.ticket)"
            if let type = item.type { text += " — type: \(type)" }
            text += "\n"
        }
        return text
    }
}
