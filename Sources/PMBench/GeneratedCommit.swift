/// One commit of a generated history: who made it, when, why, and what it changed.
struct GeneratedCommit {
    let author: Person
    let time: UTCMinute
    let message: String
    let changes: [FileChange]
}

/// A change a commit makes to one path of the repository.
enum FileChange {
    /// The file at `path` now holds `text` (added or modified).
    case write(path: String, text: String)
    /// The file at `path` is removed.
    case delete(path: String)
    /// The file moves from `source` to `destination`, content unchanged.
    case rename(source: String, destination: String)
}

/// Someone who writes postmortems and commits them.
struct Person {
    /// The short name front matter and action items use (`owner: @dana`).
    let handle: String
    let name: String

    var email: String { "\(handle)@example.com" }

    /// The team of a generated repository.
    static let team = [
        Person(handle: "dana", name: "Dana Okafor"), Person(handle: "lee", name: "Lee Marchetti"),
        Person(handle: "sam", name: "Sam Lindqvist"), Person(handle: "ari", name: "Ari Cohen"),
        Person(handle: "kim", name: "Kim Tanaka"), Person(handle: "noor", name: "Noor Haddad"),
        Person(handle: "jo", name: "Jo Brennan"), Person(handle: "max", name: "Max Oyelaran"),
        Person(handle: "ren", name: "Ren Kovac"), Person(handle: "zoe", name: "Zoe Adeyemi"),
        Person(handle: "ivo", name: "Ivo Petrov"), Person(handle: "mei", name: "Mei Chen"),
    ]
}
