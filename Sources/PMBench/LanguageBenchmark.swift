import Foundation

/// `pm-bench language`: measures the blameless-language rule through `pm check` on the labelled corpus
/// in Tests/Fixtures/Language: recall and false alarms on the tune and held-out splits, and every
/// finding on the real-prose documents with its verdict.
///
/// The held-out split's sentences are never printed, only counted: the rule is tuned on the other
/// split alone, so the held-out figures say how it does on writing it was not shaped by.
struct LanguageBenchmark {
    let corpus: String
    let pm: String
    /// Whether to list the tune split's misses and false alarms.
    let showTune: Bool

    /// One labelled sentence.
    struct Sentence {
        var id: String
        var isBlame: Bool
        var section: String
        var kind: String
        var text: String
    }

    /// Recall and false alarms on one split.
    struct Score {
        var blaming = 0
        var caught = 0
        var blameless = 0
        var flagged = 0
        var recall: Double { blaming == 0 ? 0 : Double(caught) / Double(blaming) }
        var falseAlarmRate: Double { blameless == 0 ? 0 : Double(flagged) / Double(blameless) }
    }

    static let recallTarget = 0.90
    static let falseAlarmTarget = 0.02
    static let precisionTarget = 0.85

    func run() throws {
        let workspace = try temporaryRepository()
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        print("blameless-language through `pm check` on \(corpus)")
        print("split        blaming  caught  recall   blameless  flagged  false alarms")
        var scores: [String: Score] = [:]
        for split in ["tune", "heldout"] {
            let sentences = try read(split)
            let (score, misses, alarms) = try measure(sentences, split: split, in: workspace)
            scores[split] = score
            print(
                "\(pad(split == "heldout" ? "held-out" : split, 12)) \(pad(score.blaming, 7, right: true)) "
                    + "\(pad(score.caught, 7, right: true)) \(pad(percent(score.recall), 7, right: true))  "
                    + "\(pad(score.blameless, 10, right: true)) \(pad(score.flagged, 8, right: true)) "
                    + "\(pad(percent(score.falseAlarmRate), 13, right: true))")
            if showTune && split == "tune" {
                for sentence in misses { print("  missed [\(sentence.kind)] \(sentence.section): \(sentence.text)") }
                for (sentence, message) in alarms {
                    print("  false alarm [\(sentence.kind)] \(sentence.section): \(sentence.text)\n      \(message)")
                }
            }
        }
        let heldOut = scores["heldout"] ?? Score()
        let met = heldOut.recall >= Self.recallTarget && heldOut.falseAlarmRate <= Self.falseAlarmTarget
        print(
            "held-out targets (recall ≥ \(percent(Self.recallTarget)), false alarms ≤ \(percent(Self.falseAlarmTarget))): "
                + (met ? "met" : "NOT met"))
        let precision = try measureProse(in: workspace)
        let tune = scores["tune"] ?? Score()
        // One line for scripts and the tests that guard these figures against regressions.
        print(
            String(
                format:
                    "summary tune-recall=%.3f tune-false-alarms=%.3f heldout-recall=%.3f heldout-false-alarms=%.3f prose-precision=%.3f",
                tune.recall, tune.falseAlarmRate, heldOut.recall, heldOut.falseAlarmRate, precision))
    }

    // MARK: - Sentences

    func read(_ split: String) throws -> [Sentence] {
        let path = "\(corpus)/\(split).tsv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchError("cannot read \(path)")
        }
        var sentences: [Sentence] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated().dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, fields[1] == "blame" || fields[1] == "ok" else {
                throw BenchError("\(path):\(number + 1): expected id, label (blame or ok), section, kind, text")
            }
            sentences.append(
                Sentence(id: fields[0], isBlame: fields[1] == "blame", section: fields[2], kind: fields[3], text: fields[4]))
        }
        return sentences
    }

    /// Writes the sentences of a split into one postmortem per section (each sentence its own
    /// paragraph, or its own item in Action items and Timeline), checks them, and scores them.
    func measure(_ sentences: [Sentence], split: String, in workspace: String) throws -> (
        Score, misses: [Sentence], alarms: [(Sentence, String)]
    ) {
        guard !sentences.isEmpty else { return (Score(), [], []) }
        var bySection: [String: [Sentence]] = [:]
        for sentence in sentences { bySection[sentence.section, default: []].append(sentence) }
        var lineOwners: [String: [Int: Sentence]] = [:]
        var paths: [String] = []
        for (number, section) in bySection.keys.sorted().enumerated() {
            let path = "postmortems/2026-01-\(String(format: "%02d", number + 1))-\(split)-\(number + 1).md"
            var text = "---\ntitle: Corpus \(split) \(section)\ndate: 2026-01-01\nseverity: SEV3\nstatus: in-review\n---\n"
            text += "## \(section)\n\n"
            var line = 9
            var owners: [Int: Sentence] = [:]
            for sentence in bySection[section] ?? [] {
                switch section {
                case "Action items": text += "- [ ] \(sentence.text) — owner: @dana — due: 2027-01-15\n\n"
                case "Timeline": text += "- \(sentence.text)\n\n"
                default: text += "\(sentence.text)\n\n"
                }
                owners[line] = sentence
                line += 2
            }
            try text.write(toFile: "\(workspace)/\(path)", atomically: true, encoding: .utf8)
            lineOwners[path] = owners
            paths.append(path)
        }
        var flaggedIDs: [String: String] = [:]
        for finding in try check(paths, in: workspace) {
            guard let sentence = lineOwners[finding.path]?[finding.line] else {
                throw BenchError("a finding outside any sentence: \(finding.path):\(finding.line): \(finding.message)")
            }
            flaggedIDs[sentence.id] = flaggedIDs[sentence.id] ?? finding.message
        }
        var score = Score()
        var misses: [Sentence] = []
        var alarms: [(Sentence, String)] = []
        for sentence in sentences {
            let message = flaggedIDs[sentence.id]
            if sentence.isBlame {
                score.blaming += 1
                if message != nil { score.caught += 1 } else { misses.append(sentence) }
            } else {
                score.blameless += 1
                if let message {
                    score.flagged += 1
                    alarms.append((sentence, message))
                }
            }
        }
        return (score, misses, alarms)
    }

    // MARK: - Real prose

    /// Checks every document in Prose/, gives each finding its verdict from Prose/labels.tsv, and
    /// returns the precision.
    func measureProse(in workspace: String) throws -> Double {
        let folder = "\(corpus)/Prose"
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".md") && $0 != "README.md" }
            .sorted() ?? []
        guard !files.isEmpty else {
            print("real prose: no documents in \(folder)")
            return 1
        }
        var labelled: Set<String> = []
        if let labels = try? String(contentsOfFile: "\(folder)/labels.tsv", encoding: .utf8) {
            for line in labels.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                if fields.count >= 2 { labelled.insert("\(fields[0]):\(fields[1])") }
            }
        }
        var paths: [String] = []
        var originals: [String: String] = [:]
        for (number, file) in files.enumerated() {
            let path = "postmortems/2025-06-\(String(format: "%02d", number % 28 + 1))-prose-\(number + 1).md"
            try FileManager.default.copyItem(atPath: "\(folder)/\(file)", toPath: "\(workspace)/\(path)")
            paths.append(path)
            originals[path] = file
        }
        let findings = try check(paths, in: workspace)
        var correct = 0
        var found: Set<String> = []
        print("\nreal prose: \(files.count) documents in \(folder), \(labelled.count) lines labelled blame")
        for finding in findings {
            let file = originals[finding.path] ?? finding.path
            let key = "\(file):\(finding.line)"
            let isRight = labelled.contains(key)
            if isRight {
                correct += 1
                found.insert(key)
            }
            print("  \(isRight ? "right" : "WRONG")  \(file):\(finding.line):\(finding.column)  \(finding.message)")
        }
        for key in labelled.subtracting(found).sorted() { print("  missed \(key)") }
        let precision = findings.isEmpty ? 1 : Double(correct) / Double(findings.count)
        print(
            "real prose: \(findings.count) findings, \(correct) right: precision \(percent(precision)) "
                + "(target ≥ \(percent(Self.precisionTarget))); \(found.count) of \(labelled.count) labelled lines found")
        return precision
    }

    // MARK: - pm check

    struct Finding {
        var path: String
        var line: Int
        var column: Int
        var message: String
    }

    /// The blameless-language findings `pm check --format json` reports on `paths`.
    func check(_ paths: [String], in workspace: String) throws -> [Finding] {
        // pm check exits 1 when it finds something; only other statuses are failures.
        let script = "\"$0\" check --format json \"$@\"; status=$?; [ $status -le 1 ] || exit $status"
        let (output, _) = try ChildProcess.capture("/bin/sh", ["-c", script, pm] + paths, in: workspace)
        guard let object = try JSONSerialization.jsonObject(with: output) as? [String: Any],
            let findings = object["findings"] as? [[String: Any]]
        else { throw BenchError("pm check --format json printed something that is not its report") }
        return findings.compactMap { finding in
            guard finding["ruleId"] as? String == "blameless-language", let path = finding["path"] as? String,
                let line = finding["line"] as? Int, let column = finding["column"] as? Int
            else { return nil }
            return Finding(path: path, line: line, column: column, message: finding["message"] as? String ?? "")
        }
    }

    func temporaryRepository() throws -> String {
        let path = NSTemporaryDirectory() + "pm-bench-language-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path + "/postmortems", withIntermediateDirectories: true)
        try ChildProcess.run("git", ["init", "-q"], in: path)
        return path
    }

    func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    func pad(_ value: Any, _ width: Int, right: Bool = false) -> String {
        let text = "\(value)"
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
