import Foundation
import TestSupport

/// Postmortem texts and repository set-ups shared by the end-to-end tests.
enum Fixtures {
    /// A complete postmortem, in the shape docs/format.md shows.
    static func postmortem(
        title: String = "Checkout API returned 500s to 12% of requests", date: String = "2026-11-20", status: String = "draft",
        severity: String = "SEV2", services: String = "[checkout-api, payments-db]", extraSummary: String = ""
    ) -> String {
        """
        ---
        title: "\(title)"
        date: \(date)
        severity: \(severity)
        status: \(status)
        services: \(services)
        tags: [database, failover]
        authors: [dana, lee]
        started: \(date)T14:02:00Z
        detected: \(date)T14:09:00Z
        acknowledged: \(date)T14:11:00Z
        mitigated: \(date)T15:05:00Z
        resolved: \(date)T15:31:00Z
        related: [2026-10-02-payments-db-failover]
        ---

        ## Summary
        Checkout failed for 12% of requests after a database failover.\(extraSummary)

        ## Impact
        About 4,100 customers could not complete a purchase.

        ## Timeline
        - 14:02 The payments-db primary fails over.
        - 14:09 Alert: checkout error rate above 5%.
        - 14:11 The on-call engineer acknowledges the page.
        - 15:05 Checkout pods restarted.
        - 15:31 Incident resolved.

        ## Root cause
        The connection pool cached the old primary's address.

        ## What went well
        - The alert fired quickly.

        ## What did not go well
        - The dashboard counted open connections, not successful queries.

        ## Action items
        - [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-12-15 — ticket: OPS-142 — type: detect
        - [x] Roll back the pool-size change — owner: @lee — due: 2026-11-21

        """
    }

    /// The sections `pm.requiredSections` asks for by default, empty: what a team template must have at least.
    static let requiredSections = "\n## Summary\n\n## Impact\n\n## Timeline\n\n## Root cause\n\n## Action items\n"

    /// A repository with one commit (a README), on branch main.
    static func repositoryWithCommit() throws -> TemporaryRepository {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "# Service\n")
        try repo.commitAll("Initial commit")
        return repo
    }

    /// Adds a postmortem file and commits it with git.
    static func commitPostmortem(_ repo: TemporaryRepository, id: String, text: String, message: String? = nil) throws {
        try repo.write("postmortems/\(id).md", text)
        try repo.git(["add", "postmortems/\(id).md"])
        try repo.git(["commit", "-q", "-m", message ?? "Add \(id)"])
    }
}

extension String {
    var lines: [String] { split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
