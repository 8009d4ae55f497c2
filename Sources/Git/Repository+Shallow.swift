import CLibgit2
import Foundation

extension Repository {
    /// The commits where a shallow clone's history stops, as git lists them in `<git folder>/shallow`; empty for
    /// a complete clone.
    public var shallowBoundary: [OID] {
        guard let data = FileManager.default.contents(atPath: commonDirectory + "/shallow") else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        return Array(Set(text.split(whereSeparator: \.isNewline).compactMap { OID(hex: String($0)) })).sorted { $0.hex < $1.hex }
    }

    /// True for a shallow clone (`git clone --depth`, `--shallow-since`).
    public var isShallow: Bool { !shallowBoundary.isEmpty }

    /// Makes the commits at a shallow clone's boundary read as commits without parents, as git's grafts do.
    ///
    /// libgit2 1.5 does not read `<git folder>/shallow`: a walk that reaches the boundary asks for a parent that
    /// was never fetched and fails with "object not found". Each boundary commit is copied without its `parent`
    /// lines into an in-memory object store that is read before the repository's own, under the commit's own id,
    /// so every walk (revision walks, file histories, ancestry checks) ends there. The copy is read-only: objects pm
    /// writes still go to the repository. (libgit2's check that an object's bytes hash to its id is off in pm, see
    /// `Libgit2`; git does not make it on reads either.)
    func applyShallowBoundary() throws {
        let boundary = shallowBoundary
        guard !boundary.isEmpty else { return }
        // The original commits are read through an object database of their own, so that the repository's cache
        // never holds a version with parents.
        var originals: OpaquePointer?
        try check(git_odb_open(&originals, commonDirectory + "/objects"), "git_odb_open")
        guard let originals else { return }
        defer { git_odb_free(originals) }
        var made: UnsafeMutablePointer<git_odb_backend>?
        try check(git_mempack_new(&made), "git_mempack_new")
        guard let backend = made else { return }
        var owned = false
        defer { if !owned { backend.pointee.free(backend) } }
        for id in boundary {
            var object: OpaquePointer?
            let code = id.withRaw { git_odb_read(&object, originals, $0) }
            guard code == 0, let object else { continue }  // git lists it, but it is gone: nothing to cut
            defer { git_odb_object_free(object) }
            guard git_odb_object_type(object) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(object) else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: data, count: git_odb_object_size(object)))
            let cut = Repository.withoutParents(bytes)
            var raw = id.raw
            try cut.withUnsafeBytes { buffer in
                try check(
                    backend.pointee.write(backend, &raw, buffer.baseAddress, buffer.count, GIT_OBJECT_COMMIT), "mempack write")
            }
        }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        guard let odb else { return }
        defer { git_odb_free(odb) }
        // An alternate is never written to; the highest priority is read first.
        try check(git_odb_add_alternate(odb, backend, 1000), "git_odb_add_alternate")
        owned = true
    }

    /// A commit object's bytes without the `parent` lines of its header.
    static func withoutParents(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var start = 0
        let parent = Array("parent ".utf8)
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            let line = bytes[start..<end]
            if line.first == UInt8(ascii: "\n") {
                result += bytes[start...]  // the end of the header: the message follows as it is
                return result
            }
            if !line.starts(with: parent) { result += line }
            start = end
        }
        return result
    }
}

extension Repository {
    /// `revision` with an abbreviated commit id at its start written in full, in a shallow clone.
    ///
    /// libgit2 reads an abbreviated id from the packs directly and caches what it read, which for a boundary commit
    /// is the version with parents that `applyShallowBoundary` hides; a full id is read through the cut copy.
    func expandingShortID(_ revision: String) -> String {
        let hexDigits = revision.utf8.prefix { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        guard hexDigits.count >= 4, hexDigits.count < 40, isShallow else { return revision }
        let rest = revision.utf8.dropFirst(hexDigits.count)
        guard rest.isEmpty || [UInt8(ascii: "~"), UInt8(ascii: "^"), UInt8(ascii: ":")].contains(rest.first ?? 0) else {
            return revision
        }
        let prefix = String(decoding: hexDigits, as: UTF8.self)
        guard let short = OID(hex: prefix.padding(toLength: 40, withPad: "0", startingAt: 0)) else { return revision }
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0, let odb else { return revision }
        defer { git_odb_free(odb) }
        var full = git_oid()
        let found = short.withRaw { git_odb_exists_prefix(&full, odb, $0, hexDigits.count) }
        guard found == 0 else { return revision }
        return OID(full).hex + String(decoding: rest, as: UTF8.self)
    }
}
