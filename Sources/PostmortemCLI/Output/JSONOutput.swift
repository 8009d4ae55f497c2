import PostmortemKit

/// The text of every JSON output (`--json`, `--format json`): one object whose `version` names the shape of the
/// rest. Each output has its own version, kept by its command beside the code that renders it, and its own schema in
/// docs/json/. Adding a key keeps the version; removing or renaming one, or changing what a value means or its
/// type, takes the next version.
enum JSONOutput {
    static func document(_ value: some JSONRepresentable, version: Int) -> String {
        document(value.jsonObject, version: version)
    }

    static func document(_ members: [(String, JSONValue)], version: Int) -> String {
        JSONValue.object([("version", .int(version))] + members).serialized()
    }
}
