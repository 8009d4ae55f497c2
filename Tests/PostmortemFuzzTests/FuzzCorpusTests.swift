import Foundation
import PostmortemFuzz
@_spi(Fuzzing) import PostmortemKit
import Testing

/// The fuzz targets' committed inputs, replayed on every `make test`: the seeds, and every input a fuzzer ever
/// found a crash, a hang or a broken promise with (`Tests/Fuzz/Regressions/<target>/`).
@Suite(.timeLimit(.minutes(2))) struct FuzzCorpusTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz").path

    @Test(arguments: FuzzTarget.allCases)
    func theSeedsReplayWithoutFindings(_ target: FuzzTarget) throws {
        let count = try FuzzCorpus.replay(target, paths: [FuzzCorpusTests.fuzzFolder + "/Corpus/\(target.rawValue)"])
        #expect(count >= 3, "a target needs a few meaningful seeds")
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyPastFindingReplaysWithoutFindings(_ target: FuzzTarget) throws {
        let folder = FuzzCorpusTests.fuzzFolder + "/Regressions/\(target.rawValue)"
        guard FileManager.default.fileExists(atPath: folder) else { return }
        try FuzzCorpus.replay(target, paths: [folder])
    }

    /// The search-index seed is a sound index: when the format changes, the fuzzer must not start from garbage.
    @Test func theIndexSeedIsWhatTheEncoderWritesNow() throws {
        let path = FuzzCorpusTests.fuzzFolder + "/Corpus/search-index/sample-index"
        let committed = try #require(FileManager.default.contents(atPath: path), "\(path) is missing")
        let written = try SearchIndexFuzzing.sampleIndex()
        #expect(
            Array(committed) == written,
            "regenerate it: swift build --product pm-fuzz && .build/debug/pm-fuzz sample-index \(path)")
        #expect(try SearchIndexFuzzing.readEverything(written) > 0)
    }

    /// libFuzzer stops at a dictionary line it cannot read, so each line must be a comment or `"value"` (with an optional `name=` before it).
    @Test(arguments: FuzzTarget.allCases)
    func theDictionaryIsOneLibFuzzerReads(_ target: FuzzTarget) throws {
        let path = FuzzCorpusTests.fuzzFolder + "/Dictionaries/\(target.rawValue).dict"
        guard let data = FileManager.default.contents(atPath: path) else { return }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.wholeMatch(of: /([A-Za-z0-9_]+=)?"([^"\\]|\\\\|\\"|\\x[0-9A-Fa-f]{2})*"/) != nil, "\(path): \(line)")
        }
    }
}
