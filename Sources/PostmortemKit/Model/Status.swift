/// Where a postmortem is in its lifecycle: draft, then in review, then published.
public enum Status: String, CaseIterable, Comparable, Hashable, Sendable, Codable {
    case draft
    case inReview = "in-review"
    case published

    public static func < (lhs: Status, rhs: Status) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int {
        switch self {
        case .draft: return 0
        case .inReview: return 1
        case .published: return 2
        }
    }
}
