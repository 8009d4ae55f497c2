import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

/// The registry lists every rule file once, and each rule describes itself consistently.
@Suite struct RuleRegistryTests {
    /// Every `*Rule.swift` under `Sources/PostmortemKit/Check/Rules/`, as (folder, type name).
    static func ruleFiles() -> [(folder: String, name: String)] {
        let folder = URL(fileURLWithPath: PMBinary.packageRoot).appendingPathComponent("Sources/PostmortemKit/Check/Rules")
        var files: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            let url = URL(fileURLWithPath: path)
            guard url.lastPathComponent.hasSuffix("Rule.swift") else { continue }
            let parent = url.deletingLastPathComponent().lastPathComponent
            files.append((parent, String(url.lastPathComponent.dropLast(".swift".count))))
        }
        return files
    }

    @Test func everyRuleFileIsRegistered() {
        let files = RuleRegistryTests.ruleFiles()
        #expect(files.count >= 16)
        let registered = Set(RuleRegistry.all.map { String(describing: $0) })
        for file in files {
            #expect(registered.contains(file.name), "\(file.name) is not in RuleRegistry.all")
        }
        #expect(RuleRegistry.all.count == Set(RuleRegistry.all.map { String(describing: $0) }).count)
    }

    @Test func ruleFilesLiveInTheFolderOfTheirKind() {
        for file in RuleRegistryTests.ruleFiles() {
            guard let rule = RuleRegistry.all.first(where: { String(describing: $0) == file.name }) else { continue }
            #expect(file.folder.lowercased() == rule.description.kind.rawValue, "\(file.name) is in \(file.folder)")
        }
    }

    @Test func idsAreUniqueKebabCaseAndFindable() {
        let ids = RuleRegistry.all.map { $0.description.id }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { ($0 >= "a" && $0 <= "z") || $0 == "-" }, "\(id) is not kebab-case")
            #expect(!id.hasPrefix("-") && !id.hasSuffix("-") && !id.contains("--"))
            #expect(RuleRegistry.rule(id: id).map { $0.description.id } == id)
        }
        #expect(RuleRegistry.rule(id: "no-such-rule") == nil)
    }

    @Test func theSpecifiedRulesAreAllThere() {
        let ids = Set(RuleRegistry.all.map { $0.description.id })
        for id in [
            "front-matter", "required-fields", "id-matches-filename", "unique-id", "required-sections",
            "section-not-empty", "no-placeholders", "timeline-format", "timeline-order", "timestamps-order",
            "summary-length", "action-item-owner", "action-item-due", "action-items-present", "related-exists",
            "unused-suppression",
        ] {
            #expect(ids.contains(id), "\(id) is missing")
        }
    }

    @Test func descriptionsSayWhy() {
        for rule in RuleRegistry.all {
            let description = rule.description
            #expect(!description.name.isEmpty)
            #expect(description.rationale.count > 40, "\(description.id) needs a rationale")
        }
    }
}
