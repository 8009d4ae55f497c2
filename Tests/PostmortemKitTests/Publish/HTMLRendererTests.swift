import Foundation
import TestSupport
import Testing

@testable import PostmortemKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The Markdown→HTML renderer of public output: structure, escaping, links, and markup that is well-formed XML.
@Suite("HTML renderer")
struct HTMLRendererTests {
    func html(_ markdown: String) -> String {
        HTMLRenderer().render(MarkdownParser.parse(markdown).blocks)
    }

    /// Whether `fragment` parses as XML inside one root element.
    static func isWellFormed(_ fragment: String) -> Bool {
        let parser = XMLParser(data: Data(("<root>" + fragment + "</root>").utf8))
        return parser.parse()
    }

    @Test("headings, paragraphs, emphasis, strong, strikethrough and code spans")
    func inlineStructure() {
        #expect(html("### Why") == "<h3>Why</h3>\n")
        #expect(
            html("A *b* **c** ~~d~~ `e <f>` _g_ ***h***")
                == "<p>A <em>b</em> <strong>c</strong> <del>d</del> <code>e &lt;f&gt;</code> <em>g</em> <em><strong>h</strong></em></p>\n"
        )
        #expect(html("snake_case_name and 2*3*4") == "<p>snake_case_name and 2<em>3</em>4</p>\n")
        #expect(html("\\*not emphasis\\* and a \\<tag>") == "<p>*not emphasis* and a &lt;tag&gt;</p>\n")
        #expect(html("first line\nsecond\\\nthird") == "<p>first line\nsecond<br/>\nthird</p>\n")
    }

    @Test("everything from the document is escaped: text, code, attributes; raw HTML stays visible text")
    func escaping() {
        let rendered = html("<script>alert(1)</script> & \"quotes\" 'too'\n\n```\n</code><b>\n```\n")
        #expect(rendered.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\" 'too'"))
        #expect(rendered.contains("<pre><code>&lt;/code&gt;&lt;b&gt;</code></pre>"))
        #expect(!rendered.contains("<script"))
        #expect(HTMLEscaper.attribute("a\"b'c<d>&") == "a&quot;b&#39;c&lt;d&gt;&amp;")
        let link = html("[x](https://example.com/?a=1&b=\"2\")")
        #expect(link.contains("href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\""))
        #expect(Self.isWellFormed(rendered) && Self.isWellFormed(link))
    }

    @Test("control characters other than tab and newline are removed")
    func controlCharacters() {
        let rendered = html("bell\u{07} escape\u{1B}[31m del\u{7F} c1\u{85} tab\tend")
        #expect(rendered == "<p>bell escape[31m del c1 tab\tend</p>\n")
        #expect(HTMLEscaper.text("a\u{0}b\u{FFFE}c\r\nd") == "abc\nd")
    }

    @Test("links keep only http, https, mailto and relative destinations")
    func linkPolicy() {
        #expect(html("[a](https://example.com/x)") == "<p><a href=\"https://example.com/x\">a</a></p>\n")
        #expect(html("[a](mailto:ops@example.com)") == "<p><a href=\"mailto:ops@example.com\">a</a></p>\n")
        #expect(html("[a](../runbooks/db.md#failover)") == "<p><a href=\"../runbooks/db.md#failover\">a</a></p>\n")
        #expect(html("[a](/b \"The title\")") == "<p><a href=\"/b\" title=\"The title\">a</a></p>\n")
        for hostile in [
            "javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox", "file:///etc/passwd", " javascript:alert(1)",
        ] {
            #expect(LinkPolicy.safeDestination(hostile) == nil, "\(hostile)")
        }
        #expect(html("[click](javascript:alert(1)) me") == "<p>click me</p>\n")
        #expect(html("<javascript:alert(1)>") == "<p>javascript:alert(1)</p>\n")
        #expect(html("![diagram](https://example.com/d.png)") == "<p><a href=\"https://example.com/d.png\">diagram</a></p>\n")
    }

    @Test("autolinks: <url>, <email> and bare https URLs, trailing punctuation left out")
    func autolinks() {
        #expect(
            html("See <https://status.example.com/a_b>, <ops@example.com> and https://example.com/x_(y).")
                == "<p>See <a href=\"https://status.example.com/a_b\">https://status.example.com/a_b</a>, "
                + "<a href=\"mailto:ops@example.com\">ops@example.com</a> and "
                + "<a href=\"https://example.com/x_(y)\">https://example.com/x_(y)</a>.</p>\n")
        // A link inside a link's text shows as text: links never nest.
        #expect(
            html("[see https://a.example](https://b.example)")
                == "<p><a href=\"https://b.example\">see https://a.example</a></p>\n")
    }

    @Test("nested lists: tight ones without <p>, loose ones with, ordered ones keep their start")
    func nestedLists() {
        #expect(
            html("- one\n  - two\n    - three\n- four\n")
                == "<ul>\n<li>\none\n<ul>\n<li>\ntwo\n<ul>\n<li>three</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>four</li>\n</ul>\n")
        #expect(html("3. c\n4. d\n") == "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n")
        #expect(html("- a\n\n- b\n") == "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n")
        let deep = (0..<40).map { String(repeating: "  ", count: $0) + "- level \($0)" }.joined(separator: "\n")
        let rendered = html(deep)
        #expect(rendered.components(separatedBy: "<ul>").count == 41)
        #expect(Self.isWellFormed(rendered))
    }

    @Test("task lists render disabled checkboxes, checked when done")
    func taskLists() {
        #expect(
            html("- [ ] open *item*\n- [x] done\n")
                == "<ul class=\"tasks\">\n<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\"/> open <em>item</em></li>\n"
                + "<li class=\"task\"><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\"/> done</li>\n</ul>\n")
    }

    @Test("tables: header, body, alignment, inline Markdown and escaping in cells")
    func tables() {
        let rendered = html("| Time | Event |\n| :--- | ---: |\n| 14:02 | *Alert* <b> |\n| 14:09 | a \\| b |\n")
        #expect(
            rendered
                == "<table>\n<thead>\n<tr><th style=\"text-align: left\">Time</th><th style=\"text-align: right\">Event</th></tr>\n"
                + "</thead>\n<tbody>\n<tr><td style=\"text-align: left\">14:02</td><td style=\"text-align: right\"><em>Alert</em> &lt;b&gt;</td></tr>\n"
                + "<tr><td style=\"text-align: left\">14:09</td><td style=\"text-align: right\">a | b</td></tr>\n</tbody>\n</table>\n"
        )
        #expect(Self.isWellFormed(rendered))
    }

    @Test("quotes, code blocks with a language, thematic breaks; HTML comments never appear")
    func otherBlocks() {
        #expect(html("> quoted *text*\n") == "<blockquote>\n<p>quoted <em>text</em></p>\n</blockquote>\n")
        #expect(
            html("```sh\" onload=\"x\necho \"$A\" && ls\n```\n")
                == "<pre><code class=\"language-sh&quot;\">echo \"$A\" &amp;&amp; ls</code></pre>\n")
        #expect(html("***\n") == "<hr/>\n")
        let commented = html("<!-- internal: ask @dana -->\nText <!-- secret --> here.\n\n<!--\nmulti\n-->\n")
        #expect(commented == "<p>Text here.</p>\n")
    }

    @Test("inline output is balanced and well-formed XML for any mix of delimiters, brackets and code")
    func balancedForAnyInput() {
        var random = SeededRandom(seed: 7)
        let pieces = [
            "*", "**", "_", "__", "~~", "~", "[", "]", "(", ")", "![", "](", "https://e.x/", "<", ">", "`", "\\", " ", "a", "b c",
            "<!--", "-->", "&", "\n", "<https://x.y>", "[l](https://ok.example)", "[j](javascript:x)", "***",
        ]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...24, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }
                .joined()
            let tokens = InlineMarkdownParser.parse(text)
            var styles: [InlineToken.Style] = []
            var links = 0
            var balanced = true
            for token in tokens {
                switch token {
                case .open(let style): styles.append(style)
                case .close(let style): balanced = balanced && styles.popLast() == style
                case .linkOpen:
                    balanced = balanced && links == 0
                    links += 1
                case .linkClose: links -= 1
                default: break
                }
            }
            #expect(balanced && styles.isEmpty && links == 0, "\(text.debugDescription)")
            let rendered = HTMLRenderer().render(inline: tokens)
            #expect(Self.isWellFormed(rendered), "\(text.debugDescription) → \(rendered)")
        }
    }
}
