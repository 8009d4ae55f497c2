/// Bar charts and sparklines drawn with Unicode block characters, for `pm stats` on a terminal.
enum TerminalChart {
    /// Eighths of a cell, from one to eight.
    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    private static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A horizontal bar `value / maximum` of `width` cells, to the eighth of a cell; a value above zero always
    /// shows at least a sliver.
    static func bar(_ value: Double, maximum: Double, width: Int) -> String {
        guard value > 0, maximum > 0, width > 0 else { return "" }
        let eighthsTotal = max(1, Int((min(value, maximum) / maximum * Double(width * 8)).rounded()))
        let full = eighthsTotal / 8
        let rest = eighthsTotal % 8
        return String(repeating: "█", count: full) + (rest > 0 ? String(eighths[rest - 1]) : "")
    }

    /// One character per value, scaled from the smallest to the largest (so a trend shows however high its
    /// floor); a missing value is a space, and values that are all the same sit in the middle.
    static func sparkline(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }
        let (low, high) = (present.min() ?? 0, present.max() ?? 0)
        return String(
            values.map { value -> Character in
                guard let value else { return " " }
                guard high > low else { return levels[levels.count / 2 - 1] }
                let level = Int(((value - low) / (high - low) * Double(levels.count - 1)).rounded())
                return levels[min(max(level, 0), levels.count - 1)]
            })
    }
}
