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
        // Each cell is measured once: a table can have tens of thousands of rows (`pm actions`).
        var cellWidths = rows.map { $0.map(\.displayWidth) }
        var widths = headers.map(\.displayWidth)
        for row in cellWidths {
            for (column, width) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], width) }
        }
        if let maxWidth, let flexible = flexibleColumn, flexible < widths.count {
            let others = widths.enumerated().filter { $0.offset != flexible }.map(\.element).reduce(0, +) + 2 * (widths.count - 1)
            let available = max(12, maxWidth - others)
            if widths[flexible] > available {
                widths[flexible] = available
                for index in rows.indices where flexible < rows[index].count && cellWidths[index][flexible] > available {
                    rows[index][flexible] = rows[index][flexible].truncated(toWidth: available)
                    cellWidths[index][flexible] = rows[index][flexible].displayWidth
                }
            }
        }
        func line(_ cells: [String], _ measured: [Int], row: Int?) -> String {
            var text = ""
            var pendingSpaces = 0
            for (column, cell) in cells.enumerated() where column < widths.count {
                let padding = max(0, widths[column] - measured[column])
                let shown = row.map { cellStyle($0, column, cell) } ?? cell
                if column > 0 { pendingSpaces += 2 }
                if alignments[column] == .right { pendingSpaces += padding }
                // Spaces are written only before something visible, so no line ends in blanks.
                if !shown.isEmpty {
                    text.append(String(repeating: " ", count: pendingSpaces))
                    pendingSpaces = 0
                    text.append(shown)
                }
                if alignments[column] == .left { pendingSpaces += padding }
            }
            return text
        }
        return [headerStyle(line(headers, headers.map(\.displayWidth), row: nil))]
            + rows.indices.map { line(rows[$0], cellWidths[$0], row: $0) }
    }
}
