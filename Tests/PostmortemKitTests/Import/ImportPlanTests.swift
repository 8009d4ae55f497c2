import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

/// The plan made from a repository, and its commits.
@Suite struct ImportPlanTests {
    private func repository(files: Int) throws -> (TemporaryRepository, PostmortemStore) {
        let repo = try TemporaryRepository()
        try repo.write("README.md", "# Service\n")
        for index in 0..<files {
            try repo.write(
                "docs/incident-\(index).md",
                "# Outage number \(index)\n\nOn 2024-03-\(String(format: "%02d", index + 1)) the service failed for an hour, "
                    + "and the team restored it from the replica after the primary lost its disk.\n")
        }
        try repo.commitAll("Add the collection")
        // The store reads the identity from the repository's config (tests never touch the process environment).
        try repo.git(["config", "user.name", "Dana Reyes"])
        try repo.git(["config", "user.email", "dana@example.com"])
        return (repo, try PostmortemStore.open(at: repo.root))
    }

    @Test("a collection larger than one commit's renames is committed in parts, each a set of renames git sees")
    func parts() throws {
        let (repo, store) = try repository(files: 7)
        let options = try ImportOptions(configuration: store.configuration, status: nil, severity: nil, mappings: [])
        let plan = try ImportPlan.make(store: store, paths: ["docs"], options: options)
        #expect(plan.entries.count == 7)
        #expect(plan.entries.allSatisfy { !$0.movedFirst && $0.to.hasPrefix("postmortems/2024-03-") })
        let results = try plan.commit(to: store, movesPerCommit: 3)
        #expect(results.count == 3)
        #expect(
            try repo.git(["log", "--format=%s", "-3"]).split(separator: "\n") == [
                "Import 1 postmortem into pm's format (part 3 of 3)", "Import 3 postmortems into pm's format (part 2 of 3)",
                "Import 3 postmortems into pm's format (part 1 of 3)",
            ])
        for revision in ["HEAD", "HEAD~1", "HEAD~2"] {
            let changes = try repo.git(["diff", "-M", "--name-status", revision + "~1", revision]).split(separator: "\n")
            #expect(!changes.isEmpty && changes.allSatisfy { $0.hasPrefix("R") }, "\(revision): \(changes)")
        }
        #expect(try repo.git(["status", "--porcelain"]) == "")
    }

    @Test("a file that changed after the plan was made stops the commit; nothing is lost")
    func changedMeanwhile() throws {
        let (repo, store) = try repository(files: 2)
        let options = try ImportOptions(configuration: store.configuration, status: nil, severity: nil, mappings: [])
        let plan = try ImportPlan.make(store: store, paths: ["docs"], options: options)
        try repo.write("docs/incident-1.md", "# Outage number 1\n\nEdited meanwhile.\n")
        #expect(throws: StoreError.self) { try plan.commit(to: store) }
        #expect(try repo.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try repo.read("docs/incident-1.md") == "# Outage number 1\n\nEdited meanwhile.\n")
        #expect(FileManager.default.fileExists(atPath: repo.root + "/docs/incident-0.md"))
    }
}
