import Foundation

/// How the benchmark writes numbers: grouped digits, one decimal for milliseconds, MiB for sizes.
enum ReportFormat {
    /// `12,345`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// `1,234.5 ms`.
    static func milliseconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(count(tenths / 10)).\(tenths % 10) ms"
    }

    /// `12.3 MiB`.
    static func mebibytes(bytes: Int) -> String {
        String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    /// `1.34×`, `12.5×`, `1,234×`: three significant digits at most.
    static func ratio(_ value: Double) -> String {
        switch value {
        case ..<10: String(format: "%.2f×", value)
        case ..<100: String(format: "%.1f×", value)
        default: count(Int(value.rounded())) + "×"
        }
    }

    /// "met" or "NOT MET".
    static func verdict(_ met: Bool) -> String { met ? "met" : "NOT MET" }

    /// `text` followed by spaces up to `width` characters.
    static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Spaces up to `width` characters, then `text`.
    static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
