import Git
import Testing

@testable import PostmortemKit

/// What the index reads of one file: its fields of text, in order, and its front-matter values for filters.
@Suite struct SearchDocumentTests {
    func document(_ text: String, path: String = "postmortems/2026-11-20-x.md") -> SearchDocument {
        SearchDocument.make(bytes: Array(text.utf8), path: path, timeZone: .gmt)
    }

    func fields(_ text: String, path: String = "postmortems/2026-11-20-x.md") -> [String] {
        document(text, path: path).fields.map { "\($0.name): \($0.lines.joined(separator: " / "))" }
    }

    static let foreign = """
        ---
        uuid: 6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b
        url: https://blog.example.com/kv-outage
        title: Workers KV went read-only
        categories: [cloud, storage]
        keywords:
          - replication
          - 2024
        company: Cloudflare
        product: "Workers KV"
        start_time: 2024-05-01T12:00:00Z
        end_time: 2024-05-01 13:30
        summary: A quorum loss left the store read-only for ninety minutes.
        source_fetched_at: 2024-06-01T08:00:00.123456+00:00
        draft: false
        ---

        The store lost quorum after a network partition.
        """

    @Test("the prose of foreign front-matter fields is indexed, each under its key; ids, links and times are not")
    func foreignFrontMatter() {
        #expect(
            fields(Self.foreign) == [
                "title: Workers KV went read-only", "categori: cloud / storage", "keyword: replication",
                "compani: Cloudflare", "product: Workers KV",
                "summary: A quorum loss left the store read-only for ninety minutes.",
                "body: The store lost quorum after a network partition.",
            ])
    }

    @Test("summary, description and abstract rank as a summary, whatever their case")
    func summaryKeys() {
        for key in ["summary", "Description", "ABSTRACT"] {
            #expect(fields("---\n\(key): The queue stalled.\n---\n").contains("summary: The queue stalled."), "\(key)")
        }
    }

    @Test("every front-matter value is kept for filters, as written, but for the keys kept parsed")
    func frontMatterValues() {
        let values = document(Self.foreign + "\n").frontMatter
        #expect(values.first == SearchDocument.FieldValue(key: "uuid", value: "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"))
        #expect(values.contains(SearchDocument.FieldValue(key: "categories", value: "storage")))
        #expect(values.contains(SearchDocument.FieldValue(key: "keywords", value: "2024")))
        #expect(values.contains(SearchDocument.FieldValue(key: "product", value: "Workers KV")))
        #expect(values.contains(SearchDocument.FieldValue(key: "title", value: "Workers KV went read-only")))
        let own = document("---\ntitle: T\nseverity: SEV1\nservices: [a]\ntags: []\nempty:\nnone: []\n---\n").frontMatter
        #expect(
            own == [
                SearchDocument.FieldValue(key: "title", value: "T"), SearchDocument.FieldValue(key: "empty", value: nil),
                SearchDocument.FieldValue(key: "none", value: nil),
            ])
    }

    @Test("an RFC's # headings are sections, titled by the file name; the headings pm knows are not text")
    func rfcSections() {
        let rfc = """
            # Summary
            Add a queue in front of the ingestors.

            # Motivation
            Bursts overload the ingestors.

            ## Prior art
            Kafka.

            ### Back-pressure
            The queue pushes back.
            """
        let document = document(rfc, path: "docs/rfcs/0042-ingestion-queue.md")
        #expect(document.title == "0042-ingestion-queue")
        #expect(
            fields(rfc, path: "docs/rfcs/0042-ingestion-queue.md") == [
                "title: 0042-ingestion-queue", "summary: Add a queue in front of the ingestors.", "heading: Motivation",
                "motivation: Bursts overload the ingestors.", "heading: Prior art", "prior art: Kafka.", "heading: Back-pressure",
                "prior art: The queue pushes back.",
            ])
    }

    @Test("the heading that titles a document is its title, not a heading; setext headings count as # and ##")
    func titleAndSetextHeadings() {
        let text = """
            ---
            title: Checkout failed
            ---

            # Checkout API returned 500s
            Opening words.

            ## Root cause
            Pool exhausted.

            Customer communication
            ----------------------
            We emailed them.

            ### Root cause
            Not a heading of its own: pm knows this name.
            """
        #expect(
            fields(text) == [
                "title: Checkout API returned 500s / Checkout failed", "body: Opening words.",
                "root-cause: Pool exhausted.", "heading: Customer communication",
                "customer communication: We emailed them.",
                "customer communication: Not a heading of its own: pm knows this name.",
            ])
    }

    @Test(
        "a value is prose unless it is a link, a UUID, a hash, a number, a date or time, or a YAML constant",
        arguments: [
            ("Cloudflare", true), ("Workers KV", true), ("http2", true), ("5xx errors", true), ("S3", true),
            ("see https://example.com for more", true), ("2024 was a bad year", true), ("INC-1234", true),
            ("https://example.com/a", false), ("www.example.com", false), ("mailto:ops@example.com", false),
            ("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", false), ("{6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B}", false),
            ("urn:uuid:6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", false), ("3f786850e387550fdab836ed7e6dc881de23001b", false),
            ("deadbeefdeadbeef", true), ("42", false), ("-3.5", false), ("1,000,000", false), ("2024-05-01", false),
            ("2024/05/01", false), ("2024-05-01T12:00:00Z", false), ("2024-05-01 13:30", false),
            ("2024-06-01T08:00:00.123456+00:00", false), ("2024-05-01 12:00 UTC", false), ("14:02", false),
            ("14:02:05", false), ("2024-05-01 outage", true), ("true", false), ("No", false), ("~", false), ("", false),
            ("   ", false),
        ])
    func prose(value: String, isProse: Bool) {
        #expect(FrontMatterText.isProse(value) == isProse, "\(value)")
    }

    @Test("positions leave a gap between fields, so no phrase spans a heading and its section")
    func positionsAcrossFields() throws {
        var tokenizer = VersionTokenizer(identity: 0)
        let version = tokenizer.tokenize(
            document("### Retry storm\nQueues grew.\n"), blob: try #require(OID(rawBytes: Array(repeating: 1, count: 20))),
            lineage: 0)
        let terms = version.terms.map { $0 == VersionTokenizer.gap ? "" : version.newTerms[Int($0)] }
        let ranges = version.ranges
        #expect(ranges.map(\.field) == ["title", "heading", "body"])
        #expect(terms.filter(\.isEmpty).count == 2)
    }
}
