import Foundation
import TestSupport
import Testing

/// The folders of PostmortemKit depend on each other one way, as docs/architecture.md lays out: a folder uses a
/// type of another folder only when the table below allows it.
@Suite struct LayeringTests {
    /// Each folder and the folders whose types it may use (docs/architecture.md, "Folders of PostmortemKit").
    static let allowed: [String: Set<String>] = [
        "Publish": ["Insights", "Search", "Store", "Configuration", "Model", "Document", "JSON"],
        "Insights": ["Search", "Model"],
        "Search": ["Store", "Model", "Text", "JSON"],
        "Hooks": ["Store"],
        "Import": ["Store", "Configuration", "Model", "Document", "JSON"],
        "Store": ["Check", "Configuration", "Templates", "Model", "Text"],
        "Templates": ["Document"],
        "Check": ["Configuration", "Model", "Document", "Text", "JSON"],
        "Configuration": ["Check", "Text"],
        "Model": ["Document", "JSON"],
        "Document": [],
        "Text": [],
        "JSON": [],
    ]

    /// Every Swift file of PostmortemKit, by folder.
    static func sources() throws -> [(folder: String, name: String, text: String)] {
        let root = URL(fileURLWithPath: PMBinary.packageRoot).appendingPathComponent("Sources/PostmortemKit")
        let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        return try paths.filter { $0.hasSuffix(".swift") }.sorted().map { path in
            let folder = String(path.prefix { $0 != "/" })
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            return (folder, path, text)
        }
    }

    @Test("every folder of PostmortemKit uses only the folders below it")
    func foldersDependOneWay() throws {
        let sources = try Self.sources()
        #expect(Set(sources.map(\.folder)) == Set(Self.allowed.keys), "a folder was added or removed: update the table")
        // The types each folder declares at the top level of its files.
        let declaration =
            /^(?:(?:public|internal|private|fileprivate|final|indirect|@\w+(?:\([^)]*\))?)\s+)*(?:struct|enum|class|protocol|typealias|actor)\s+(\w+)/
            .anchorsMatchLineEndings()
        var folderOfType: [String: String] = [:]
        for source in sources {
            for match in source.text.matches(of: declaration) { folderOfType[String(match.output.1)] = source.folder }
        }
        #expect(folderOfType["Postmortem"] == "Model", "the scan found no declarations")
        var violations: [String] = []
        for source in sources {
            // Comments and string literals name types without using them.
            let code = source.text.replacing(/"""[\s\S]*?"""/, with: "").replacing(/"(?:[^"\\\n]|\\.)*"/, with: "")
                .replacing(/\/\/[^\n]*/, with: "")
            let used = Set(code.matches(of: /\b[A-Z]\w*\b/).map { String($0.output) })
            for type in used.sorted() {
                guard let owner = folderOfType[type], owner != source.folder else { continue }
                if !(Self.allowed[source.folder]?.contains(owner) ?? false) {
                    violations.append("\(source.name) uses \(type) from \(owner)/")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}
