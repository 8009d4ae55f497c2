/// Lays out rows as aligned columns, measuring display width (not bytes), for `pm list` and friends.
public struct TableRenderer {
    /// How a column aligns its cells.
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    /// The column allowed to shrink (cut with `…`) to fit `maxWidth`.
    public var flexibleColumn: Int?

    public init(headers: [String], alignments: [Alignment]? = nil, flexibleColumn: Int? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
        self.flexibleColumn = flexibleColumn
    }

    /// The table as lines; `style` decorates the header row (after measuring, so escapes do not count).
    /// `cellStyle(row, column, text)` decorates a body cell after it is measured and padded.
    public func render(
        _ rows: [[String]], maxWidth: Int? = nil, headerStyle: (String) -> String = { $0 },
        cellStyle: (Int, Int, String) -> String = { $2 }
    ) -> [String] {
        var rows = rows
        var widths = headers.map(\.displayWidth)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.displayWidth)
            }
        }
        if let maxWidth, let flexible = flexibleColumn, flexible < widths.count {
            let others = widths.enumerated().filter { $0.offset != flexible }.map(\.element).reduce(0, +) + 2 * (widths.count - 1)
            let available = max(12, maxWidth - others)
            if widths[flexible] > available {
                widths[flexible] = available
                rows = rows.map { row in
                    var row = row
                    if flexible < row.count { row[flexible] = row[flexible].truncated(toWidth: available) }
                    return row
                }
            }
        }
        func line(_ cells: [String], row: Int?) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() where column < widths.count {
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.displayWidth))
                let isLast = column == widths.count - 1
                let shown = row.map { cellStyle($0, column, cell) } ?? cell
                switch alignments[column] {
                case .left: parts.append(isLast ? shown : shown + padding)
                case .right: parts.append(padding + shown)
                }
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [headerStyle(line(headers, row: nil))] + rows.enumerated().map { line($0.element, row: $0.offset) }
    }
}
