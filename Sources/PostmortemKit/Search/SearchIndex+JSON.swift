import Foundation

/// What `pm index --json` prints.
extension SearchIndex.Statistics: JSONRepresentable {
    public var jsonObject: [(String, JSONValue)] {
        [
            ("path", .string(path)), ("inMemory", .bool(inMemory)), ("bytes", .int(bytes)), ("segments", .int(segments)),
            ("documents", .int(documents)), ("revisions", .int(revisions)), ("commits", .int(commits)), ("terms", .int(terms)),
            ("buildMilliseconds", .int(buildMilliseconds)), ("builtAt", .string(Timestamp.iso8601(builtAt))),
            ("head", .string(head)),
            ("refs", .array(refs.map { .object([("name", .string($0.name)), ("target", .string($0.target))]) })),
        ]
    }
}
