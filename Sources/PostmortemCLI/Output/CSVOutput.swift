/// CSV as pm prints it (RFC 4180, CRLF line ends), safe to open in a spreadsheet: the one place every CSV field is
/// written.
///
/// Every field is defused and quoted on its own, so a value from a document can neither start a formula nor end
/// its field or row early, whatever it holds.
enum CSVOutput {
    /// The characters that start a formula in a spreadsheet, judged on the first Unicode scalar.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    /// The characters that make a field need quotes.
    static let quotedCharacters: Set<Unicode.Scalar> = [",", "\"", "\r", "\n"]

    /// A whole table: the header, then each row, every line ended by CRLF.
    static func table(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map(record).joined()
    }

    /// One line: the fields, each made safe by `field`, separated by commas and ended by CRLF.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field. A leading `=`, `+`, `-`, `@`, tab or CR gets a `'` so that a spreadsheet shows the text rather
    /// than running it; then a field that holds a comma, a quote, CR or LF is put in quotes, its quotes doubled.
    static func field(_ text: String) -> String {
        var text = text
        // The first scalar, not Character: "=" followed by a combining mark is one Character that is not "=", yet a
        // spreadsheet still sees a formula.
        if let first = text.unicodeScalars.first, formulaStarts.contains(first) {
            text = "'" + text
        }
        // Scalars, not Characters: "\r\n" is one Character, which neither "\r" nor "\n" equals.
        guard text.unicodeScalars.contains(where: quotedCharacters.contains) else { return text }
        // Doubled scalar by scalar: a quote followed by a combining mark is still a quote to a CSV reader.
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append(scalar) }
        }
        quoted.append("\"")
        return String(quoted)
    }
}
