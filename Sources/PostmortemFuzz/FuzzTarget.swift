import Foundation
@_spi(Fuzzing) import PostmortemKit

/// One fuzz target: a parser or reader of pm's that takes arbitrary bytes and must neither crash nor hang.
///
/// `pm-fuzz` runs a target under libFuzzer (`make fuzz`) or replays files through it; the tests replay the
/// committed corpus and every past finding through the same `run`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `FrontMatterParser`, and `FrontMatterEncoder`'s promise that what it writes reads back unchanged.
    case frontMatter = "front-matter"
    /// `MarkdownParser`, with the tree dumped and rendered as HTML.
    case markdown
    /// `PostmortemParser` (front matter, Markdown, timeline, action items), the checker's rules, the JSON form, and
    /// the document indexed and read back.
    case postmortem
    /// `SearchQueryParser`: a query is parsed or rejected with a `SearchQueryError`.
    case searchQuery = "search-query"
    /// The search index reader over a file's bytes, as they are and with their checksums made to match: every
    /// part is read, and a bad file throws `SearchIndexError`.
    case searchIndex = "search-index"
    /// `FindingsBaseline.decode` (and `JSONParser` under it): a file is read or refused with a `BaselineError`, and
    /// what it reads is written back to bytes that read back the same.
    case baseline

    /// Runs the target on one input. A crash or a hang is a finding; so is a broken promise, thrown as a
    /// `FuzzFinding` (an error of the wrong type, a value that does not read back).
    public func run(_ bytes: [UInt8]) throws {
        switch self {
        case .frontMatter: try FuzzTarget.frontMatter(bytes)
        case .markdown: FuzzTarget.markdown(bytes)
        case .postmortem: try FuzzTarget.postmortem(bytes)
        case .searchQuery: try FuzzTarget.searchQuery(bytes)
        case .searchIndex: try FuzzTarget.searchIndex(bytes)
        case .baseline: try FuzzTarget.baseline(bytes)
        }
    }

    private static func frontMatter(_ bytes: [UInt8]) throws {
        let source = SourceText(bytes: bytes)
        var values: [String] = [String(decoding: bytes.prefix(256), as: UTF8.self)]
        if let frontMatter = FrontMatterParser.parse(source) {
            for entry in frontMatter.entries {
                switch entry.value {
                case .string(let value): values.append(value)
                case .list(let items): values += items
                }
            }
            _ = frontMatter.errors.map(\.description)
        }
        for value in values.prefix(16) { try roundTrip(value) }
        try roundTrip(list: Array(values.prefix(4)))
    }

    /// `FrontMatterEncoder` writes what `pm new` and `pm edit` put in a file: it must read back as the same value
    /// (the encoder drops control characters other than line breaks and tabs, so those are dropped here too).
    private static func roundTrip(_ value: String) throws {
        let expected = String(String.UnicodeScalarView(value.unicodeScalars.filter(isKeptByEncoder)))
        let written = "---\nkey: \(FrontMatterEncoder.scalar(value))\n---\n"
        let parsed = FrontMatterParser.parse(written)
        guard let parsed, parsed.errors.isEmpty, parsed.string("key") == expected else {
            throw FuzzFinding(
                "FrontMatterEncoder.scalar(\(value.debugDescription)) reads back as "
                    + "\(parsed?.string("key")?.debugDescription ?? "nothing") (\(parsed?.errors.map(\.description) ?? []))")
        }
    }

    private static func roundTrip(list: [String]) throws {
        let expected = list.map { String(String.UnicodeScalarView($0.unicodeScalars.filter(isKeptByEncoder))) }
        let written = "---\nkey: \(FrontMatterEncoder.flowList(list))\n---\n"
        let parsed = FrontMatterParser.parse(written)
        guard let parsed, parsed.errors.isEmpty, parsed.list("key") == expected else {
            throw FuzzFinding(
                "FrontMatterEncoder.flowList(\(list.debugDescription)) reads back as "
                    + "\(parsed?.list("key")?.debugDescription ?? "nothing") (\(parsed?.errors.map(\.description) ?? []))")
        }
    }

    private static func isKeptByEncoder(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\t" || scalar == "\r" || (scalar.value >= 0x20 && scalar.value != 0x7F)
    }

    private static func markdown(_ bytes: [UInt8]) {
        let document = MarkdownParser.parse(SourceText(bytes: bytes))
        _ = document.debugDump()
        _ = HTMLRenderer().render(document.blocks)
        _ = document.allBlocks.count
    }

    private static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    private static let checker = Checker(configuration: Configuration())

    private static func postmortem(_ bytes: [UInt8]) throws {
        let path = "postmortems/2026-11-20-checkout-api-500s.md"
        let postmortem = PostmortemParser.parse(bytes: bytes, path: path, timeZone: berlin)
        _ = postmortem.durations
        _ = postmortem.timeline.map { "\($0)" }
        _ = postmortem.actionItems.map { "\($0)" }
        let context = Checker.context(
            for: [postmortem], configuration: checker.configuration, today: LocalDate(daysSinceEpoch: 20_800))
        _ = checker.check(postmortem, context: context)
        let json = postmortem.json.serialized()
        guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) is [String: Any] else {
            throw FuzzFinding("the JSON form of the postmortem does not parse as a JSON object")
        }
        do {
            try SearchIndexFuzzing.indexRoundTrip(bytes, path: path)
        } catch {
            throw FuzzFinding("an index of the postmortem does not read back: \(error)")
        }
    }

    private static func searchQuery(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let query = try SearchQueryParser.parse(text)
            for field in SearchField.allCases { _ = query.values(of: field) }
            _ = "\(query)"
        } catch let error as SearchQueryError {
            _ = error.description
        } catch {
            throw FuzzFinding("SearchQueryParser threw \(type(of: error)), not a SearchQueryError: \(error)")
        }
    }

    private static func searchIndex(_ bytes: [UInt8]) throws {
        for file in [bytes, SearchIndexFuzzing.resealed(bytes)] {
            do {
                try SearchIndexFuzzing.readEverything(file)
            } catch is SearchIndexError {
                // What a damaged or crafted file must give.
            } catch {
                throw FuzzFinding("the index reader threw \(type(of: error)), not a SearchIndexError: \(error)")
            }
        }
    }
}

extension FuzzTarget {
    fileprivate static func baseline(_ bytes: [UInt8]) throws {
        let baseline: FindingsBaseline
        do {
            baseline = try FindingsBaseline.decode(bytes, path: ".pm-baseline.json")
        } catch {
            // Typed: a `BaselineError`, which must name a place inside the file when it has one.
            if let line = error.line, line < 1 || line > bytes.count + 1 {
                throw FuzzFinding("a baseline error points at line \(line) of a \(bytes.count)-byte file: \(error)")
            }
            return
        }
        let written = baseline.encoded()
        guard (try? FindingsBaseline.decode(written, path: ".pm-baseline.json")) == baseline else {
            throw FuzzFinding("a baseline that was read does not read back the same once written")
        }
        guard baseline.encoded() == written else { throw FuzzFinding("writing the same baseline twice differs") }
    }
}

/// A fuzz target's broken promise: not a crash, but a result the code must never give.
public struct FuzzFinding: Error, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
