import Foundation

/// Converts one file of a collection to pm's format with the smallest change that makes pm read it, so that git still
/// sees the file (moved or not) as the same one, and nothing written in it is lost.
///
/// - Fields pm knows under other names are renamed, their values as written (`start_time: …` → `started: …`); pm
///   writes a value in its own shape only where it needs one (a list from one value, one list from several fields).
///   A field of pm's own whose value pm cannot read is kept beside it as `original-<key>`.
/// - Fields pm does not know stay as they are, byte for byte.
/// - Headings and bold labels (`**Impact:** …`, `**Root cause**` alone on a line) that name a section become `##`
///   sections; a label paragraph keeps its text.
/// - The `summary` field becomes the `## Summary` section, and prose that no heading introduces goes under it.
/// - `title`, `date` and `status` are added when missing, after the fields that are there.
///
/// The result is checked before it is returned: every word and every unchanged line of the original must still be
/// in it, or the file is refused.
struct ImportConverter {
    let options: ImportOptions

    /// True when `bytes` is already a pm postmortem named for its date: front matter pm reads, a title, a date and a
    /// status, and a file name that is an id starting with that date. `pm import` leaves such files alone.
    static func isPostmortem(path: String, bytes: [UInt8], timeZone: TimeZone) -> Bool {
        guard path.lowercased().hasSuffix(".md") else { return false }
        let postmortem = PostmortemParser.parse(bytes: bytes, path: path, timeZone: timeZone)
        guard let frontMatter = postmortem.frontMatter, frontMatter.errors.isEmpty, postmortem.title != nil,
            let date = postmortem.date, postmortem.status != nil,
            let id = PostmortemID(validating: PostmortemFile.id(ofPath: path))
        else { return false }
        return id.date == date
    }

    /// The converted file, or why it cannot be converted. `firstCommit` gives the day and short id of the commit that
    /// added the file, asked for only when nothing else gives a date.
    func convert(path: String, bytes: [UInt8], firstCommit: () -> (date: LocalDate, commit: String)?) -> Result<
        ImportConversion, ImportProblem
    > {
        guard bytes.count <= PostmortemParser.maximumByteCount else {
            return .failure(
                ImportProblem(
                    path,
                    "file too large (\(bytes.count / 1_048_576) MiB): pm reads postmortems of at most \(PostmortemParser.maximumByteCount / 1_048_576) MiB; move logs and data into separate files and link to them"
                ))
        }
        let original = SourceText(bytes: bytes)
        if let error = original.encodingErrors.first {
            return .failure(ImportProblem(path, line: error.position.line, column: error.position.column, error.message))
        }
        // Values over several lines first go on one line each, which pm reads; the rest works on that text.
        let unfolded = FrontMatterUnfolder.unfold(original)
        let source = unfolded.map { SourceText(bytes: $0.bytes) } ?? original
        var work = Work(path: path, source: source, options: options)
        work.paragraphLines = unfolded?.paragraphLines ?? [:]
        if let problem = work.readFrontMatter() { return .failure(problem) }
        work.mapFields()
        work.readBody()
        work.chooseTitle()
        guard work.chooseDate(firstCommit: firstCommit) else {
            return .failure(
                ImportProblem(
                    path,
                    "no incident date found (no date or timestamp field, no date in the title, the first paragraph or the file name, and no commit that added the file); add 'date: YYYY-MM-DD' to its front matter and run pm import again"
                ))
        }
        work.addLifecycleFields()
        work.writeFrontMatter()
        work.mapSections()
        let converted = work.edits.apply(to: source)
        if let problem = ImportSelfCheck.verify(
            original: source, converted: converted, path: path, changedLines: work.edits.changedLines,
            bodyStartLine: work.bodyStartLine, changedKeys: work.changedKeys + work.repeatedItems, timeZone: options.timeZone)
            ?? ImportSelfCheck.lostWords(
                original: original, converted: SourceText(bytes: converted), path: path,
                changedKeys: work.changedKeys + work.repeatedItems)
        {
            return .failure(problem)
        }
        for key in unfolded?.keys ?? [] where !work.changedKeys.contains(key) {
            work.notes.append("\(key): its value, written over several lines, now on one")
        }
        return .success(
            ImportConversion(
                bytes: converted, title: work.title, date: work.date ?? LocalDate(daysSinceEpoch: 0),
                dateSource: work.dateSource ?? .fileName, mapped: work.mapped, added: work.added, missing: work.missing,
                notes: work.notes))
    }
}

/// The state of one conversion.
private struct Work {
    let path: String
    let source: SourceText
    let options: ImportOptions
    var edits = LineEdits()

    var frontMatter: FrontMatter?
    /// The first line of the Markdown body.
    var bodyStartLine = 1
    /// The value each pm field will have, as text, once the conversion is done.
    var values: [ImportField: String] = [:]
    /// The key each pm field's value comes from (for the plan).
    var valueKeys: [ImportField: String] = [:]
    /// Front-matter lines pm adds at the end of the block, in order.
    var added: [String] = []
    var addedLines: [String] = []
    var mapped: [String] = []
    var missing: [String] = []
    var notes: [String] = []
    /// Keys of the original front matter whose lines pm renamed, rewrote or moved (their words may go).
    var changedKeys: [String] = []
    /// List items left out of a merged list because it already has them: their words are there once, not twice.
    var repeatedItems: [String] = []
    /// The `summary` field's text, for the `## Summary` section, as lines.
    var summaryText: [String]?
    /// The lines of values that were written over several lines, as paragraph lines (see `FrontMatterUnfolder`).
    var paragraphLines: [String: [String]] = [:]
    /// The day of a timestamp found where pm wants a date (`date: 2026-11-20 14:02`), with its field.
    var dayOfDateField: (date: LocalDate, key: String)?

    var blocks: [Block] = []
    var titleBlock: Int?
    var title = ""
    var date: LocalDate?
    var dateSource: DateSource?

    init(path: String, source: SourceText, options: ImportOptions) {
        self.path = path
        self.source = source
        self.options = options
    }

    // MARK: - Front matter

    mutating func readFrontMatter() -> ImportProblem? {
        var first = 1
        while first <= source.lineCount, SourceByte.isBlank(source.lineBytes(first)) { first += 1 }
        let opening = source.lineBytes(first)
        if FrontMatterParser.isDelimiter(opening, marker: SourceByte.plus) {
            return ImportProblem(
                path, line: first,
                "TOML front matter ('+++') is not supported; convert it to YAML ('---'), for example with 'hugo convert toYAML', and run pm import again"
            )
        }
        if first > 1, FrontMatterParser.isDelimiter(opening, marker: SourceByte.dash) {
            return ImportProblem(
                path, line: first,
                "front matter must start on the first line: remove the blank lines before '---' and run pm import again")
        }
        guard let parsed = FrontMatterParser.parse(source, path: path) else { return nil }
        if let error = parsed.errors.first {
            return ImportProblem(
                path, line: error.position.line, column: error.position.column,
                "front matter pm cannot read: \(error.message); the file was left as it is")
        }
        frontMatter = parsed
        bodyStartLine = parsed.bodyStartLine
        return nil
    }

    /// The last line of an entry: its key's line, or its last `- item` line.
    func lastLine(of entry: FrontMatterEntry) -> Int {
        max(entry.line, entry.items.last?.range.end.line ?? entry.line, entry.valueRange.end.line)
    }

    /// Renames an entry's key in place, keeping the rest of its line(s) byte for byte.
    mutating func rename(_ entry: FrontMatterEntry, to key: String) {
        let line = source.lines[entry.line - 1]
        edits.replace(entry.line, with: [key + String(decoding: Array(line.utf8).dropFirst(entry.key.utf8.count), as: UTF8.self)])
        changedKeys.append(entry.key)
    }

    /// Removes an entry's lines.
    mutating func remove(_ entry: FrontMatterEntry) {
        edits.remove(entry.line...lastLine(of: entry))
        changedKeys.append(entry.key)
    }

    /// Replaces an entry's lines with `line`.
    mutating func replace(_ entry: FrontMatterEntry, with line: String) {
        edits.remove(entry.line...lastLine(of: entry))
        edits.replace(entry.line, with: [line])
        changedKeys.append(entry.key)
    }

    /// `original-<key>`, or with `-2`, `-3`… when the front matter has that key already.
    func asideKey(for key: String) -> String {
        let keys = Set(frontMatter?.keys ?? [])
        var candidate = "original-" + key
        var number = 2
        while keys.contains(candidate) {
            candidate = "original-\(key)-\(number)"
            number += 1
        }
        return candidate
    }

    /// Whether pm reads `value` as a value of `field`; nil when it does, else why not.
    func problem(with value: FrontMatterValue, as field: ImportField) -> String? {
        switch (field.shape, value) {
        case (.list, .list):
            return nil
        case (.list, .string):
            return "a single value where pm wants a list"
        case (_, .list):
            return "a list where pm wants a single value"
        case (.text, .string(let text)), (.section, .string(let text)):
            return text.trimmingCharacters(in: .whitespaces).isEmpty ? "empty" : nil
        case (.date, .string(let text)):
            return LocalDate(iso: text) == nil ? "not a date written YYYY-MM-DD" : nil
        case (.status, .string(let text)):
            return Status(rawValue: text) == nil ? "not draft, in-review or published" : nil
        case (.timestamp, .string(let text)):
            return Timestamp.parse(text, timeZone: options.timeZone) == nil ? "not an ISO 8601 timestamp" : nil
        }
    }

    /// The day a timestamp is written for (`2026-11-20 14:02` → 2026-11-20), when `text` is one.
    func day(ofTimestamp text: String) -> LocalDate? {
        guard Timestamp.parse(text, timeZone: options.timeZone) != nil else { return nil }
        return LocalDate(iso: String(text.prefix(10)))
    }

    mutating func mapFields() {
        guard let frontMatter else { return }
        for field in ImportField.allCases where field != .summary {
            if let own = frontMatter[field.rawValue] {
                // A list of pm's own takes the other names' items too (Jekyll's tags and categories), as when it is
                // missing: one tags list either way.
                if field.shape == .list, case .list = own.value,
                    !options.sources(of: field).compactMap({ frontMatter[$0] }).isEmpty
                {
                    mapSources(for: field, in: frontMatter, own: own)
                } else {
                    mapOwn(own, as: field)
                }
            } else {
                mapSources(for: field, in: frontMatter)
            }
        }
        let sources = options.sources(of: .summary).compactMap { frontMatter[$0] }
        if let entry = sources.first {
            if case .string(let text) = entry.value, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                // A value written over several lines keeps its lines (git compares lines); else its text, line by line.
                summaryText =
                    paragraphLines[entry.key]
                    ?? text.split(separator: "\n", omittingEmptySubsequences: false).map {
                        $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
                    }
                remove(entry)
                mapped.append("\(entry.key) → ## Summary")
            } else {
                notes.append("kept \(entry.key): \(entry.value.stringValue == nil ? "a list, not a text" : "empty")")
            }
        }
    }

    /// A field under pm's own name: kept when pm reads it, else put in pm's shape or set aside.
    mutating func mapOwn(_ entry: FrontMatterEntry, as field: ImportField) {
        guard let problem = problem(with: entry.value, as: field) else {
            values[field] = entry.value.stringValue ?? ""
            valueKeys[field] = entry.key
            return
        }
        if field.shape == .list, case .string(let text) = entry.value {
            if text.isEmpty { return }
            replace(entry, with: "\(field.rawValue): \(FrontMatterEncoder.flowList([text]))")
            mapped.append("\(entry.key): \(text) → [\(text)]")
            values[field] = text
            valueKeys[field] = entry.key
            return
        }
        if field == .date, case .string(let text) = entry.value, let day = day(ofTimestamp: text) {
            let aside = asideKey(for: entry.key)
            rename(entry, to: aside)
            dayOfDateField = (day, entry.key)
            mapped.append("date: \(text) → date: \(day) (the timestamp kept as \(aside))")
            return
        }
        if case .string(let text) = entry.value, text.isEmpty, field.shape != .list {
            // An empty value is no value: pm's own is added below it, and nothing is lost by leaving it as it is.
            remove(entry)
            return
        }
        let aside = asideKey(for: entry.key)
        rename(entry, to: aside)
        notes.append("\(entry.key) kept as \(aside): \(problem)")
    }

    /// A field pm does not have yet, from the collection's fields that name it.
    mutating func mapSources(for field: ImportField, in frontMatter: FrontMatter, own: FrontMatterEntry? = nil) {
        let sources = (own.map { [$0] } ?? []) + options.sources(of: field).compactMap { frontMatter[$0] }
        guard !sources.isEmpty else { return }
        switch field.shape {
        case .list:
            if sources.count == 1, let only = sources.first, case .list = only.value {
                rename(only, to: field.rawValue)
                mapped.append("\(only.key) → \(field.rawValue)")
                values[field] = ""
                valueKeys[field] = only.key
                return
            }
            // In order, each item once.
            var items: [String] = []
            var repeated: [String] = []
            for entry in sources {
                switch entry.value {
                case .list(let list):
                    for item in list {
                        if items.contains(item) { repeated.append(item) } else { items.append(item) }
                    }
                case .string(let text):
                    if text.isEmpty { break }
                    if items.contains(text) { repeated.append(text) } else { items.append(text) }
                }
            }
            guard let first = sources.first, !items.isEmpty else { return }
            if mergeBlockLists(sources, into: field) {
                // Done: the item lines kept as they are.
            } else {
                replace(first, with: "\(field.rawValue): \(FrontMatterEncoder.flowList(items))")
                repeatedItems += repeated
                for entry in sources.dropFirst() { remove(entry) }
            }
            mapped.append(
                own == nil
                    ? sources.map(\.key).joined(separator: " + ") + " → \(field.rawValue)"
                    : sources.dropFirst().map(\.key).joined(separator: " + ") + " merged into \(field.rawValue)")
            values[field] = ""
            valueKeys[field] = first.key
        case .date:
            for entry in sources {
                if problem(with: entry.value, as: field) == nil {
                    rename(entry, to: field.rawValue)
                    mapped.append("\(entry.key) → \(field.rawValue)")
                    values[field] = entry.value.stringValue
                    valueKeys[field] = entry.key
                    return
                }
                if let text = entry.value.stringValue, let day = day(ofTimestamp: text) {
                    // Kept as it is (its time would be lost otherwise); pm's date is added from its day.
                    dayOfDateField = (day, entry.key)
                    return
                }
                notes.append("kept \(entry.key): \(problem(with: entry.value, as: field) ?? "")")
            }
        case .text, .status, .timestamp:
            for entry in sources {
                if let problem = problem(with: entry.value, as: field) {
                    notes.append("kept \(entry.key): \(problem)")
                    continue
                }
                rename(entry, to: field.rawValue)
                mapped.append("\(entry.key) → \(field.rawValue)")
                values[field] = entry.value.stringValue
                valueKeys[field] = entry.key
                return
            }
        case .section:
            return
        }
    }

    /// Merges block lists (`key:` then `- item` lines, all indented alike) into the first one renamed to `field`: the
    /// other keys' lines go and their item lines move below the first's, unchanged, which keeps them for git's
    /// similarity (it compares lines, in any order). False, changing nothing, when they are not all such lists.
    mutating func mergeBlockLists(_ sources: [FrontMatterEntry], into field: ImportField) -> Bool {
        let indents = sources.flatMap { entry in
            (entry.line + 1...max(entry.line + 1, lastLine(of: entry))).map { source.lines[$0 - 1].prefix { $0 == " " }.count }
        }
        guard let first = sources.first, sources.allSatisfy({ $0.style == .blockList && !$0.items.isEmpty }),
            Set(indents).count == 1
        else { return false }
        rename(first, to: field.rawValue)
        var moved: [String] = []
        var seen: [String] = []
        if case .list(let list) = first.value { seen = list }
        for entry in sources.dropFirst() {
            let lines = (entry.line + 1...lastLine(of: entry)).map { source.lines[$0 - 1] }
            // An item already listed is not listed twice (when each line is one item).
            if case .list(let list) = entry.value, list.count == lines.count {
                for (item, line) in zip(list, lines) {
                    if seen.contains(item) {
                        repeatedItems.append(item)
                    } else {
                        seen.append(item)
                        moved.append(line)
                    }
                }
            } else {
                moved += lines
            }
            remove(entry)
        }
        edits.insert(moved, before: lastLine(of: first) + 1)
        return true
    }

    // MARK: - Title, date, status, severity

    mutating func readBody() {
        blocks = MarkdownParser.parse(source, fromLine: bodyStartLine).blocks
        if let first = blocks.firstIndex(where: { !$0.isHTMLComment }), let heading = blocks[first].heading,
            heading.level == 1, SectionKind(heading: heading.text) == nil,
            !heading.text.trimmingCharacters(in: .whitespaces).isEmpty
        {
            titleBlock = first
        }
    }

    mutating func chooseTitle() {
        if let existing = values[.title] {
            title = existing
            return
        }
        let heading = titleBlock.flatMap { blocks[$0].heading }?.text.trimmingCharacters(in: .whitespaces)
        if let heading {
            title = heading
            added.append("title (from the # heading)")
        } else {
            var name = PostmortemFile.id(ofPath: path)
            if name.lowercased().hasSuffix(".markdown") { name = String(name.dropLast(".markdown".count)) }
            if let date = DateFinder.firstDate(in: name, isoOnly: true),
                case let prefix = date.description, name.hasPrefix(prefix)
            {
                name = String(name.dropFirst(prefix.count))
            }
            let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
            title = words.isEmpty ? "Untitled" : words.joined(separator: " ")
            added.append("title (from the file name)")
        }
        addedLines.append("title: \(FrontMatterEncoder.scalar(title))")
    }

    mutating func chooseDate(firstCommit: () -> (date: LocalDate, commit: String)?) -> Bool {
        if let text = values[.date], let value = LocalDate(iso: text) {
            date = value
            dateSource = .field(valueKeys[.date] ?? "date")
            return true
        }
        if let (day, key) = dayOfDateField {
            date = day
            dateSource = .timestamp(key)
        } else if let (day, key) = timestampDay() {
            date = day
            dateSource = .timestamp(key)
        } else if let day = DateFinder.firstDate(in: title) {
            date = day
            dateSource = .title
        } else if let (day, line) = firstParagraphDate() {
            date = day
            dateSource = .text(line: line)
        } else if let day = DateFinder.firstDate(in: (path as NSString).lastPathComponent, isoOnly: true) {
            date = day
            dateSource = .fileName
        } else if let (day, commit) = firstCommit() {
            date = day
            dateSource = .firstCommit(commit)
        } else {
            return false
        }
        addedLines.append("date: \(date?.description ?? "")")
        added.append("date")
        return true
    }

    /// The day of the first of pm's timestamps that has one, in lifecycle order, with the field it came from.
    func timestampDay() -> (LocalDate, String)? {
        for field in [ImportField.started, .detected, .acknowledged, .mitigated, .resolved] {
            if let text = values[field], let day = day(ofTimestamp: text) { return (day, valueKeys[field] ?? field.rawValue) }
        }
        return nil
    }

    /// A date written in the first paragraph of the body, with its line.
    func firstParagraphDate() -> (LocalDate, Int)? {
        let start = titleBlock.map { $0 + 1 } ?? 0
        guard let paragraph = blocks.dropFirst(start).first(where: { $0.paragraphLines != nil }),
            let lines = paragraph.paragraphLines
        else { return nil }
        for line in lines {
            if let day = DateFinder.firstDate(in: line.text) { return (day, line.position.line) }
        }
        return nil
    }

    mutating func addLifecycleFields() {
        if let severity = values[.severity] {
            if !options.severities.contains(severity) {
                notes.append(
                    "severity '\(severity)' is not one of pm.severities (\(options.severities.joined(separator: " "))); pm check reports it"
                )
            }
        } else if let severity = options.severity {
            addedLines.append("severity: \(FrontMatterEncoder.scalar(severity))")
            added.append("severity: \(severity)")
        } else {
            missing.append("severity")
        }
        if values[.status] == nil {
            addedLines.append("status: \(options.status.rawValue)")
            added.append("status: \(options.status.rawValue)")
        }
    }

    mutating func writeFrontMatter() {
        guard !addedLines.isEmpty else { return }
        if let closing = frontMatter?.closingLine {
            edits.insert(addedLines, before: closing)
        } else {
            edits.prefix = ["---"] + addedLines + ["---"]
        }
    }

    // MARK: - Sections

    /// The last line a block covers.
    func lastLine(of block: Block) -> Int {
        block.range.end.column == 1 && block.range.end.line > block.range.start.line
            ? block.range.end.line - 1 : block.range.end.line
    }

    mutating func mapSections() {
        let existing = Set(
            blocks.compactMap { block in block.heading.flatMap { $0.level == 2 ? SectionKind(heading: $0.text) : nil } })
        var present = existing
        // Where each section now starts: the block, and the line a `## Summary`'s text goes after (or before).
        var sectionStarts: [(block: Int, kind: SectionKind?, textLine: Int, after: Bool)] = []
        for (index, block) in blocks.enumerated() where index != titleBlock {
            if let heading = block.heading {
                let kind = SectionKind(heading: heading.text)
                if heading.level == 2 {
                    sectionStarts.append((index, kind, lastLine(of: block), true))
                    continue
                }
                guard let kind, !existing.contains(kind) else { continue }
                let first = block.range.start.line
                let last = lastLine(of: block)
                let text = heading.text.trimmingCharacters(in: .whitespaces)
                guard last == first || last == first + 1 else { continue }
                edits.replace(first, with: ["## " + text])
                if last > first { edits.remove(last...last) }
                let marker = last > first ? "\(text) (underlined)" : String(repeating: "#", count: heading.level) + " " + text
                mapped.append("\(marker) → ## \(text) (line \(first))")
                present.insert(kind)
                sectionStarts.append((index, kind, first, true))
            } else if let lines = block.paragraphLines, let line = lines.first, let label = ImportConverter.label(line.text),
                let kind = SectionKind(heading: label.name), !present.contains(kind)
            {
                let number = line.position.line
                if label.rest.isEmpty {
                    edits.replace(number, with: ["## " + label.name])
                    sectionStarts.append((index, kind, number, true))
                } else {
                    edits.insert(["## " + label.name], before: number)
                    sectionStarts.append((index, kind, number, false))
                }
                mapped.append("\(label.marker) → ## \(label.name) (line \(number))")
                present.insert(kind)
            }
        }
        let firstSection = sectionStarts.first?.block ?? blocks.count
        let preamble = blocks.indices.filter { $0 < firstSection && $0 != titleBlock && !blocks[$0].isHTMLComment }
        if let summary = sectionStarts.first(where: { $0.kind == .summary }) {
            guard let text = summaryText else { return }
            let line = summary.after ? summary.textLine + 1 : summary.textLine
            insertSummary(text, heading: false, before: line)
        } else if summaryText != nil || !preamble.isEmpty {
            let line: Int
            if let first = preamble.first {
                line = blocks[first].range.start.line
            } else if let titleBlock {
                line = lastLine(of: blocks[titleBlock]) + 1
            } else {
                line = bodyStartLine
            }
            insertSummary(summaryText, heading: true, before: line)
            if summaryText == nil { mapped.append("prose before the first section → ## Summary") }
        }
    }

    /// Inserts the `## Summary` heading (when `heading`) and the summary field's text before `line`, with a blank
    /// line between the text and what follows it.
    mutating func insertSummary(_ text: [String]?, heading: Bool, before line: Int) {
        var lines = heading ? ["## Summary"] : []
        if let text {
            lines += text
            if line <= source.lineCount, !SourceByte.isBlank(source.lineBytes(line)) { lines.append("") }
        }
        edits.insert(lines, before: line)
    }
}

extension ImportConverter {
    /// A bold label that opens a paragraph: `**Impact:** text`, `**Impact**: text`, `__Root cause__` alone. nil for
    /// bold text that is not followed by a colon or the end of the line (`**Impact** was small` is a sentence).
    static func label(_ text: String) -> (name: String, rest: String, marker: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for delimiter in ["**", "__"] where trimmed.hasPrefix(delimiter) {
            let afterOpening = trimmed.dropFirst(delimiter.count)
            guard let close = afterOpening.range(of: delimiter) else { return nil }
            var name = afterOpening[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            var rest = afterOpening[close.upperBound...]
            var hasColon = false
            if name.hasSuffix(":") {
                name.removeLast()
                hasColon = true
            } else if rest.hasPrefix(":") {
                rest = rest.dropFirst()
                hasColon = true
            }
            let remainder = rest.trimmingCharacters(in: .whitespaces)
            let marker = String(trimmed[..<close.upperBound]) + (rest.startIndex > close.upperBound ? ":" : "")
            name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, remainder.isEmpty || hasColon else { return nil }
            return (name, remainder, marker)
        }
        return nil
    }
}
