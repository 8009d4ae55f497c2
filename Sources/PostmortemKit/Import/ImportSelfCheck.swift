import Foundation

/// The check every conversion passes before `pm import` writes it: pm reads the result, every word of the original is
/// still in it (the names of the fields pm renamed excepted), and every line pm did not change is there byte for
/// byte, in the same order. A conversion that fails it is a defect of the converter, and the file is left alone.
enum ImportSelfCheck {
    static func verify(
        original: SourceText, converted: [UInt8], path: String, changedLines: Set<Int>, bodyStartLine: Int,
        changedKeys: [String], timeZone: TimeZone
    ) -> ImportProblem? {
        let result = SourceText(bytes: converted)
        let postmortem = PostmortemParser.parse(bytes: converted, path: path, timeZone: timeZone)
        guard let frontMatter = postmortem.frontMatter, let closing = frontMatter.closingLine else {
            return ImportProblem(path, "pm import could not write front matter for this file; it was left as it is")
        }
        if let error = (frontMatter.errors + postmortem.errors.filter { $0.position.line <= closing }).first {
            return ImportProblem(
                path,
                "pm import would write front matter pm cannot read (line \(error.position.line): \(error.message)); the file was left as it is"
            )
        }
        if let problem = lostWords(original: original, converted: result, path: path, changedKeys: changedKeys) {
            return problem
        }
        var remaining = result.lines[...]
        for number in 1...max(1, original.lineCount) where number <= original.lineCount && !changedLines.contains(number) {
            let line = original.lines[number - 1]
            guard let index = remaining.firstIndex(of: line) else {
                return ImportProblem(
                    path, line: number,
                    "pm import would change or move this line converting the file; it was left as it is")
            }
            remaining = remaining[(index + 1)...]
        }
        return nil
    }

    /// A problem when a word of `original` is not in `converted` as many times (the names of `changedKeys` excepted).
    static func lostWords(original: SourceText, converted: SourceText, path: String, changedKeys: [String]) -> ImportProblem? {
        var expected = wordCounts(original.lines)
        for key in changedKeys {
            for word in words(key) { expected[word, default: 0] -= 1 }
        }
        let found = wordCounts(converted.lines)
        let lost = expected.filter { $0.value > found[$0.key, default: 0] }.keys.sorted()
        guard !lost.isEmpty else { return nil }
        let list = lost.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        return ImportProblem(
            path,
            "pm import would lose text converting this file (\(list)\(lost.count > 5 ? ", …" : "") would be missing); it was left as it is"
        )
    }

    /// How many times each word occurs in `lines`.
    static func wordCounts(_ lines: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in lines {
            for word in words(line) { counts[word, default: 0] += 1 }
        }
        return counts
    }

    /// The runs of letters and digits in `text`. A backslash and the character after it separate words, so that a
    /// value's YAML escapes (`\n`, `\"`) read as the text they stand for.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                escaped = false
                if !current.isEmpty { result.append(current) }
                current = ""
                continue
            }
            if character.isLetter || character.isNumber {
                current.append(character)
                continue
            }
            if !current.isEmpty { result.append(current) }
            current = ""
            if character == "\\" { escaped = true }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
