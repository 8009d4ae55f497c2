import Foundation
import TestSupport
import Testing

/// `pm stats --format csv` through the built binary, read back with Python's `csv` module: a value from a document
/// (a service name) stays in its own cell, whatever line breaks, quotes or commas it holds, and never starts a
/// formula.
@Suite("pm stats CSV")
struct StatsCSVTests {
    /// Service names written as YAML double-quoted strings, escapes and all: line breaks that would start a new row,
    /// a lone CR, quotes, commas and formulas, one after a combining mark.
    static let hostileServices = [
        #""ok\n=cmd|' /C calc'!A0""#, #""a\rb""#, #""cr-lf\r\n+1+1""#, #""q\"x""#, #""x,=y""#, #""=1+1""#,
        #""@SUM(A1)""#, #""\t=x""#, "\"-2+3\"", "\"=\u{0301}HYPERLINK(1)\"", "\"\\\"\u{0301}, \\\"=z\"",
    ]

    /// Reads CSV from stdin with the `csv` module and prints its rows as JSON.
    static let readScript = """
        import csv, io, json, sys
        rows = list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode("utf-8"), newline="")))
        print(json.dumps(rows))
        """

    @Test("a line break, CR or quote in a value neither ends its row nor lets the next cell start a formula")
    func hostileServiceNames() throws {
        let repo = try Fixtures.repositoryWithCommit()
        for (index, service) in StatsCSVTests.hostileServices.enumerated() {
            let id = String(format: "2026-01-%02d-incident-%d", index + 1, index + 1)
            let text = Fixtures.postmortem(date: String(id.prefix(10)), services: "[\(service)]")
            try Fixtures.commitPostmortem(repo, id: id, text: text)
        }
        #expect(try repo.git(["ls-files", "postmortems"]).lines.count == StatsCSVTests.hostileServices.count)

        let result = try repo.pm(["stats", "--by", "service", "--format", "csv"])
        #expect(result.status == 0, "\(result)")
        let python = try #require(Shell.which("python3"), "python3 reads the CSV back")
        let parsed = try Shell.run(
            python, ["-c", StatsCSVTests.readScript], in: repo.base, environment: repo.environment, input: result.stdout)
        #expect(parsed.status == 0, "\(parsed)")
        let rows = try JSONDecoder().decode([[String]].self, from: Data(parsed.stdout.utf8))

        // The header, one row per service, and the total: every row as wide as the header.
        let header = try #require(rows.first)
        #expect(header.first == "group" && header.count == 22, "\(header)")
        #expect(rows.count == 1 + StatsCSVTests.hostileServices.count + 1, "\(rows)")
        for row in rows { #expect(row.count == header.count, "\(row)") }
        #expect(rows.last?.first == "all")

        for row in rows {
            for cell in row {
                guard let first = cell.unicodeScalars.first else { continue }
                #expect(!"=+-@\t\r".unicodeScalars.contains(first), "a cell starts a formula: \(cell.debugDescription)")
            }
        }
        // Each value is whole in its one cell, behind the guard's quote when it needs one.
        let groups = Set(rows.dropFirst().dropLast().compactMap(\.first))
        for expected in [
            "ok\n=cmd|' /C calc'!A0", "a\rb", "cr-lf\r\n+1+1", "q\"x", "x,=y", "'=1+1", "'@SUM(A1)", "'\t=x", "'-2+3",
            "'=\u{0301}HYPERLINK(1)", "\"\u{0301}, \"=z",
        ] {
            #expect(groups.contains(expected), "no cell \(expected.debugDescription) in \(groups)")
        }
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }
}
