import Git
import PostmortemKit

/// What a write command reports with `--json`: the postmortem and the commit it made (null when none).
struct WriteResult: JSONRepresentable {
    let id: String
    let path: String
    let commit: OID?
    var status: String?

    init(id: String, path: String, commit: OID?, status: String? = nil) {
        self.id = id
        self.path = path
        self.commit = commit
        self.status = status
    }

    /// `status` only for `pm status`.
    var jsonObject: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("id", .string(id)), ("path", .string(path)), ("commit", .string(commit?.hex))]
        if let status { members.append(("status", .string(status))) }
        return members
    }
}
