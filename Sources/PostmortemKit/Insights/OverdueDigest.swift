/// The overdue action items on one day, grouped by owner: what `pm remind` posts.
public struct OverdueDigest: Sendable {
    public struct Owner: Sendable {
        /// The owner without `@`; nil for items that name none.
        public var name: String?
        /// Most overdue first.
        public var items: [TrackedActionItem]
    }

    public var today: LocalDate
    /// Owners with the most overdue items first (then by name); items without an owner last.
    public var owners: [Owner]

    public var itemCount: Int { owners.reduce(0) { $0 + $1.items.count } }

    public init(items: [TrackedActionItem], today: LocalDate) {
        self.today = today
        var byOwner: [String: [TrackedActionItem]] = [:]
        var unowned: [TrackedActionItem] = []
        // Owners compare without case, as `pm actions --owner` does; the first spelling met is shown.
        var spelling: [String: String] = [:]
        for item in items where item.isOverdue(on: today) {
            guard let owner = item.facts.owner else {
                unowned.append(item)
                continue
            }
            let key = owner.lowercased()
            spelling[key] = spelling[key] ?? owner
            byOwner[key, default: []].append(item)
        }
        func mostOverdueFirst(_ items: [TrackedActionItem]) -> [TrackedActionItem] {
            items.sorted { a, b in
                let (x, y) = (a.daysOverdue(on: today) ?? 0, b.daysOverdue(on: today) ?? 0)
                return x != y ? x > y : (a.postmortemID, a.facts.number) < (b.postmortemID, b.facts.number)
            }
        }
        owners = byOwner.map { Owner(name: spelling[$0.key] ?? $0.key, items: mostOverdueFirst($0.value)) }
            .sorted { a, b in
                a.items.count != b.items.count ? a.items.count > b.items.count : (a.name ?? "") < (b.name ?? "")
            }
        if !unowned.isEmpty { owners.append(Owner(name: nil, items: mostOverdueFirst(unowned))) }
    }
}
