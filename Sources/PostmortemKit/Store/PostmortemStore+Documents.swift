import Foundation
import Git

extension PostmortemStore {
    /// Parses a stored file with this repository's settings (time zone).
    public func parse(_ file: PostmortemFile) -> Postmortem {
        PostmortemParser.parse(bytes: file.bytes, path: file.path, timeZone: configuration.timeZone)
    }

    /// Every postmortem at `source`, parsed.
    public func postmortems(at source: Source = .workingTree) throws -> [Postmortem] {
        try files(at: source).map(parse)
    }

    /// The template for new postmortems: `pm.template`, else `.pm/template.md`, else the built-in one.
    public func templateText() throws -> String {
        guard let root = repository.workingDirectory else { return DefaultTemplate.text }
        if let configured = configuration.templatePath {
            guard let data = FileManager.default.contents(atPath: root + "/" + configured) else {
                throw StoreError(
                    .failure, "the template '\(configured)' named by pm.template in .pmconfig does not exist or cannot be read")
            }
            return String(decoding: data, as: UTF8.self)
        }
        if let data = FileManager.default.contents(atPath: root + "/.pm/template.md") {
            return String(decoding: data, as: UTF8.self)
        }
        return DefaultTemplate.text
    }
}
