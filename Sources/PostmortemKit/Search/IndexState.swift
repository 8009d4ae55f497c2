import Git

/// Where the index stands after a segment: what it was built from and what is live.
struct IndexState: Sendable, Equatable {
    /// The reference HEAD points at (`refs/heads/main`), or `HEAD` when detached; empty when unborn.
    var head: String = ""
    var headTarget: OID?
    /// `pm.directory` when it was built: a change means a rebuild.
    var directory: String = ""
    /// The branches (and HEAD) it covers, sorted by name.
    var refs: [RefTip] = []
    /// The paths first seen by this segment, with the identity of the postmortem there (kept across renames);
    /// earlier segments hold the others.
    var lineages: [String: UInt32] = [:]
    var nextLineage: UInt32 = 0
    /// The version at each path of HEAD's postmortem folder.
    var live: [LiveDocument] = []
    var documentTotal: UInt32 = 0
    var commitTotal: UInt32 = 0
    var buildMilliseconds: UInt32 = 0
    var createdAt: Int64 = 0

    struct RefTip: Sendable, Equatable, Hashable {
        var name: String
        var target: OID

        /// True for a commit where a shallow clone's history stops, kept beside the refs (see `shallowBoundaryName`).
        var isShallowBoundary: Bool { name == IndexState.shallowBoundaryName }
    }

    /// The name under which `refs` lists the commits at a shallow clone's boundary: never a reference's name (those
    /// start with `refs/` or are `HEAD`).
    static let shallowBoundaryName = "shallow"

    struct LiveDocument: Sendable, Equatable {
        var document: UInt32
        /// Empty when the state was read for a search: `SearchIndexReader.livePath` reads it when shown.
        var path: String
        /// Where the path is stored: a segment and a string number in it (none: a path not yet written).
        var pathSegment: UInt32 = IndexLayout.none
        var pathString: UInt32 = IndexLayout.none
    }
}
