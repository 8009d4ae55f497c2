import Foundation
import Git

extension PostmortemStore {
    /// True when `name` lies in a namespace that `hooks.skipRefs` tells the server's hook not to check.
    ///
    /// A pattern's `*` matches any characters, `/` included (`refs/pull/*` covers `refs/pull/1/head`); a pattern
    /// that ends with `/` names everything below it.
    public func isSkippedReference(_ name: String) -> Bool {
        configuration.skippedReferences.contains { pattern in
            pattern.hasSuffix("/") ? name.hasPrefix(pattern) : fnmatch(pattern, name, 0) == 0
        }
    }

    /// The commits a server has accepted already: where every existing reference outside the skipped namespaces
    /// points. During `pre-receive` the references have not moved yet, so these are the old values.
    ///
    /// References in skipped namespaces are left out on purpose: a commit parked in one (`refs/pull/1/head`) was
    /// never checked, so it still counts as new when a branch or tag reaches it.
    public func acceptedCommits() throws -> [OID] {
        Array(Set(try repository.references(matching: "refs/*").filter { !isSkippedReference($0.name) }.map(\.target)))
    }

    /// The postmortems that a pushed reference brings: those added or modified by the commits it reaches that
    /// none of `accepted` does, with their content at its new commit. Nil when there is nothing to check: a
    /// deletion, a skipped namespace, or a reference to something other than a commit (a tag of a tree or blob).
    public func postmortems(pushedIn update: ReferenceUpdate, accepted: [OID]) throws -> ChangedPostmortems? {
        guard !update.isDeletion, !isSkippedReference(update.name) else { return nil }
        let end: Commit
        do {
            end = try repository.commit(revision: update.new)
        } catch let error as GitError {
            if let id = OID(hex: update.new), repository.hasObject(id) { return nil }
            throw StoreError(.failure, "\(update.name): \(error.message)")
        }
        if repository.isShallow { noteShallowHistory() }
        return try postmortems(changedFrom: end, hiding: accepted)
    }
}
