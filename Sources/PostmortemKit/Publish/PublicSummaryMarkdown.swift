/// Writes a `PublicSummary` as a Markdown document: the title, a list of facts, and the public sections.
///
/// Everything from the postmortem goes through `MarkdownWriter`, so the result is inert wherever it is rendered: no
/// HTML, no comments, no link outside `LinkPolicy`.
public struct PublicSummaryMarkdown: Sendable {
    public init() {}

    public func document(_ summary: PublicSummary) -> String {
        let writer = MarkdownWriter()
        var output = "# " + writer.escapePlainText(summary.title).replacingOccurrences(of: "\n", with: " ") + "\n"
        let facts = summary.facts
        if !facts.isEmpty {
            output += "\n"
            for fact in facts { output += "- **\(fact.label):** " + writer.escapePlainText(fact.value) + "\n" }
        }
        for section in summary.sections {
            output += "\n## " + writer.write(inline: section.title).replacingOccurrences(of: "\n", with: " ") + "\n\n"
            output += body(of: section)
        }
        return output
    }

    /// The content of a section below its heading; action items as a task list of what is to be done.
    func body(of section: PublicSummary.PublicSection) -> String {
        let writer = MarkdownWriter()
        guard let items = section.actionItems else { return writer.write(section.blocks) }
        return items.map { item in
            (item.isDone ? "- [x] " : "- [ ] ") + writer.write(inline: item.action).replacingOccurrences(of: "\n", with: " ")
                + "\n"
        }.joined()
    }
}
