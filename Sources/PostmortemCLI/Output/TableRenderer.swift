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
        let layout = self.layout(rows, maxWidth: maxWidth)
        var bytes: [UInt8] = []
        var lines: [String] = [headerStyle(line(headers, headers.map(\.displayWidth), layout.widths))]
        for index in layout.rows.indices {
            bytes.removeAll(keepingCapacity: true)
            append(
                layout.rows[index], layout.cellWidths[index], layout.widths, row: index, styling: true, cellStyle: cellStyle,
                to: &bytes)
            lines.append(String(decoding: bytes, as: UTF8.self))
        }
        return lines
    }

    /// Writes the table to `out` a buffer at a time, without making a string per line: what a table of tens of
    /// thousands of rows needs (`pm actions`). `cellStyle` is called only when `out` shows colours.
    public func write(
        _ rows: [[String]], to out: Terminal, maxWidth: Int? = nil, headerStyle: (String) -> String = { $0 },
        cellStyle: (Int, Int, String) -> String = { $2 }
    ) {
        let layout = self.layout(rows, maxWidth: maxWidth)
        out.line(headerStyle(line(headers, headers.map(\.displayWidth), layout.widths)))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        for index in layout.rows.indices {
            append(
                layout.rows[index], layout.cellWidths[index], layout.widths, row: index, styling: out.colors,
                cellStyle: cellStyle, to: &bytes)
            bytes.append(0x0A)
            if bytes.count >= 1 << 16 {
                out.write(bytes: bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        if !bytes.isEmpty { out.write(bytes: bytes) }
    }

    /// The rows (the flexible column cut to fit), each cell's width and each column's, every cell measured once.
    private func layout(_ rows: [[String]], maxWidth: Int?) -> (rows: [[String]], cellWidths: [[Int]], widths: [Int]) {
        var rows = rows
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
        return (rows, cellWidths, widths)
    }

    private func line(_ cells: [String], _ measured: [Int], _ widths: [Int]) -> String {
        var bytes: [UInt8] = []
        append(cells, measured, widths, row: nil, styling: false, cellStyle: { $2 }, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One line's bytes: cells two spaces apart, padded to their column; spaces are written only before something
    /// visible, so no line ends in blanks.
    private func append(
        _ cells: [String], _ measured: [Int], _ widths: [Int], row: Int?, styling: Bool,
        cellStyle: (Int, Int, String) -> String, to bytes: inout [UInt8]
    ) {
        var pendingSpaces = 0
        for (column, cell) in cells.enumerated() where column < widths.count {
            let padding = max(0, widths[column] - measured[column])
            var shown = styling ? row.map { cellStyle($0, column, cell) } ?? cell : cell
            if column > 0 { pendingSpaces += 2 }
            if alignments[column] == .right { pendingSpaces += padding }
            if !shown.isEmpty {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pendingSpaces))
                pendingSpaces = 0
                shown.withUTF8 { bytes.append(contentsOf: $0) }
            }
            if alignments[column] == .left { pendingSpaces += padding }
        }
    }
}
