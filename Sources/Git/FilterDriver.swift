/// The external filter driver a path's `filter` attribute names, with its `filter.<name>.*` configuration.
public struct FilterDriver: Equatable, Sendable {
    /// The driver's name, the value of the `filter` attribute.
    public let name: String
    /// `filter.<name>.clean`: the command that turns the working-tree file into what is stored.
    public let clean: String?
    /// `filter.<name>.smudge`: the command that turns a stored blob into the working-tree file.
    public let smudge: String?
    /// `filter.<name>.process`: a long-running filter, which git uses instead of `clean` and `smudge`.
    public let process: String?
    /// `filter.<name>.required`: the content must go through the driver; a missing or failing one is an error.
    public let required: Bool
    /// The attributes file that set `filter=<name>`, as a user names it (`.gitattributes`, `.git/info/attributes`),
    /// when pm could find it.
    public let attributeSource: String?

    public init(
        name: String, clean: String?, smudge: String?, process: String?, required: Bool, attributeSource: String?
    ) {
        self.name = name
        self.clean = clean
        self.smudge = smudge
        self.process = process
        self.required = required
        self.attributeSource = attributeSource
    }

    /// The beginning of every message about this driver: "postmortems/x.md has 'filter=git-crypt' (.gitattributes)".
    func describe(path: String) -> String {
        "\(path) has 'filter=\(name)'" + (attributeSource.map { " (\($0))" } ?? "")
    }

    /// `command` with `%f` replaced by the shell-quoted path and `%%` by `%`, as git expands a filter command.
    static func expand(_ command: String, path: String) -> String {
        var result = ""
        var characters = command.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                result.append(character)
                continue
            }
            switch characters.next() {
            case "%": result.append("%")
            case "f": result.append(shellQuoted(path))
            case let other?:
                result.append("%")
                result.append(other)
            case nil: result.append("%")
            }
        }
        return result
    }

    /// Quotes text for `/bin/sh` the way git's `sq_quote_buf` does: in single quotes, with `'` and `!` escaped.
    static func shellQuoted(_ text: String) -> String {
        var result = "'"
        for character in text {
            switch character {
            case "'": result += "'\\''"
            case "!": result += "'\\!'"
            default: result.append(character)
            }
        }
        return result + "'"
    }
}
