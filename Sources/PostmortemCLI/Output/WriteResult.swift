import Git

/// What a write command reports with `--json`: the postmortem and the commit it made (null when none).
struct WriteResult: Encodable {
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

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(path, forKey: .path)
        try container.encode(commit?.hex, forKey: .commit)
        if let status { try container.encode(status, forKey: .status) }
    }

    enum CodingKeys: String, CodingKey { case id, path, commit, status }
}
