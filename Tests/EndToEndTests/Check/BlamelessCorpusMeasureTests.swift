import Foundation
import TestSupport
import Testing

/// The blameless-language rule measured through the built `pm check` on the labelled corpus in
/// Tests/Fixtures/Language, as `make bench-language` prints it: each figure must stay at or above the
/// floor the rule reached when it was written, so a change that loses recall or adds false alarms
/// fails here, on the held-out split too, without the test ever printing a held-out sentence.
@Suite("Blameless language: the labelled corpus through pm check")
struct BlamelessCorpusMeasureTests {
    /// Floors: a little under what the rule measures today, so noise in one sentence does not fail the run.
    static let floors: [String: (minimum: Double?, maximum: Double?)] = [
        "tune-recall": (0.85, nil), "tune-false-alarms": (nil, 0.02),
        "heldout-recall": (0.65, nil), "heldout-false-alarms": (nil, 0.02),
        "prose-precision": (0.90, nil),
    ]

    @Test("recall, false alarms and real-prose precision hold their floors")
    func figuresHoldTheirFloors() throws {
        let pm = PMBinary.path
        let bench = URL(fileURLWithPath: pm).deletingLastPathComponent().appendingPathComponent("pm-bench").path
        try #require(FileManager.default.isExecutableFile(atPath: bench), "build pm-bench first: swift build")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pm-language-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let corpus = PMBinary.packageRoot + "/Tests/Fixtures/Language"
        let output = try Shell.run(
            bench, ["language", corpus, "--pm", pm], in: home, environment: Shell.environment(home: home))
        #expect(output.status == 0, "\(output.stderr)")
        let summary = try #require(output.stdout.split(separator: "\n").last { $0.hasPrefix("summary ") })
        var figures: [String: Double] = [:]
        for field in summary.split(separator: " ").dropFirst() {
            let parts = field.split(separator: "=")
            if parts.count == 2, let value = Double(parts[1]) { figures[String(parts[0])] = value }
        }
        print(summary)
        for (name, floor) in Self.floors {
            let value = try #require(figures[name], "no \(name) in: \(summary)")
            if let minimum = floor.minimum { #expect(value >= minimum, "\(name) \(value) fell below \(minimum)") }
            if let maximum = floor.maximum { #expect(value <= maximum, "\(name) \(value) rose above \(maximum)") }
        }
    }
}
