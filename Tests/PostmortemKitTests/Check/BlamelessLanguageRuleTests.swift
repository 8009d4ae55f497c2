import Foundation
import Testing

@testable import PostmortemKit

@Suite("Blameless language rule")
struct BlamelessLanguageRuleTests {
    static let frontMatter = "---\ntitle: X\ndate: 2026-01-01\nseverity: SEV3\nstatus: in-review\n---\n"

    /// The violations in `body` (after a minimal front matter, which takes lines 1–6).
    static func violations(
        _ body: String, configuration: Configuration = Configuration(), lineEnding: String = "\n"
    ) -> [RuleViolation] {
        let text = (frontMatter + body).replacingOccurrences(of: "\n", with: lineEnding)
        return check(text, configuration: configuration)
    }

    static func check(_ text: String, configuration: Configuration = Configuration()) -> [RuleViolation] {
        let context = CheckContext(configuration: configuration, today: LocalDate(daysSinceEpoch: 0))
        return BlamelessLanguageRule().check(PostmortemParser.parse(text), context: context)
    }

    /// The byte column (1-based) of the first `needle` in `line`.
    static func column(of needle: String, in line: String) -> Int {
        guard let range = line.range(of: needle) else { return 0 }
        return line[..<range.lowerBound].utf8.count + 1
    }

    // MARK: - Description

    @Test("describes itself: id, kind, levels, examples")
    func describesItself() {
        let description = BlamelessLanguageRule.description
        #expect(description.id == "blameless-language")
        #expect(description.kind == .language)
        #expect(description.defaultSeverity == .error)
        #expect(description.appliesFrom == .inReview)
        #expect(description.belowLevel == .warning)
        #expect(description.passingExamples.count >= 4)
        #expect(description.failingExamples.count >= 4)
        #expect(!description.rationale.isEmpty)
    }

    @Test("passing examples find nothing, also with CRLF")
    func passingExamples() {
        for example in BlamelessLanguageRule.description.passingExamples {
            #expect(Self.check(example).isEmpty, "\(example)\n\(Self.check(example).map(\.message))")
            let crlf = example.replacingOccurrences(of: "\n", with: "\r\n")
            #expect(Self.check(crlf).isEmpty)
        }
    }

    @Test("failing examples find exactly the marked phrases, also with CRLF")
    func failingExamples() {
        for example in BlamelessLanguageRule.description.failingExamples {
            // The same marker reading as the generic example test.
            let marked = RuleExampleTests.MarkedExample(example)
            let (text, markers) = (marked.text, marked.markers)
            #expect(!markers.isEmpty)
            let found = Self.check(text).map(\.range.start).sorted()
            #expect(found == markers, "\(text)\n\(Self.check(text).map(\.message))")
            let crlf = Self.check(text.replacingOccurrences(of: "\n", with: "\r\n")).map(\.range.start).sorted()
            #expect(crlf == markers)
        }
    }

    // MARK: - The lexicon

    @Test("verbs are inflected: regular, doubled, irregular and -y")
    func inflections() {
        #expect(BlameVerbs.inflections("ignore").map(\.0) == ["ignore", "ignores", "ignored", "ignoring"])
        #expect(BlameVerbs.inflections("skip+").map(\.0) == ["skip", "skips", "skipped", "skipping"])
        #expect(BlameVerbs.inflections("comply").map(\.0) == ["comply", "complies", "complied", "complying"])
        #expect(
            BlameVerbs.inflections("forget:forgot:forgotten:forgetting").map(\.0) == [
                "forget", "forgets", "forgot", "forgotten", "forgetting",
            ])
        #expect(BlameVerbs.table["read"]?.form.isPastOrParticiple == true, "a form that is base and past reads as past")
        #expect(BlameVerbs.table["overlooked"]?.kind == .humanFailure)
        #expect(BlameVerbs.table["skipped"]?.kind == .failure)
        #expect(BlameVerbs.table["followed"]?.kind == .duty)
    }

    @Test("no word is both a system name and a given name, so neither list silently wins")
    func lexiconsAreDisjoint() {
        #expect(BlameLexicon.systemNames.intersection(BlameLexicon.givenNames).isEmpty)
        #expect(BlameLexicon.personNouns.isSuperset(of: ["engineer", "engineers", "on-call", "sre", "intern", "team"]))
    }

    // MARK: - Findings

    @Test("a finding has the phrase's range, message and rewrite")
    func findingShape() throws {
        let violations = Self.violations("## Root cause\nDana should have waited for replication.\n")
        let violation = try #require(violations.first)
        #expect(violations.count == 1)
        #expect(violation.range == SourceRange(line: 8, column: 6, length: "should have waited".utf8.count))
        #expect(
            violation.message
                == "\"should have waited\" is a counterfactual about a person (Dana): it judges a past decision with hindsight")
        #expect(violation.suggestion == BlameRewrite.hindsight)
    }

    @Test("each category has its message and the rewrite of its phrase")
    func categories() {
        let body = """
            ## What did not go well
            It was human error. The change was reckless.
            ## Action items
            - [ ] Be more careful with DNS — owner: @dana — due: 2026-02-01

            """
        let violations = Self.violations(body)
        #expect(
            violations.map(\.message) == [
                "\"human error\" is blame: it names a person as the cause instead of the conditions that allowed it",
                "\"reckless\" is a judgement: it labels a person instead of describing what happened",
                "\"be more careful\" is an exhortation: asking people to try harder does not change the system",
            ])
        #expect(violations.first?.suggestion == BlameRewrite.describeAction)
        #expect(violations.last?.suggestion == BlameRewrite.guardrail)
    }

    @Test("a finding names the actor and what they are said to have done")
    func namesTheActor() {
        let violations = Self.violations(
            "## What did not go well\nThe on-call engineer ignored repeated warnings from the monitoring system.\n")
        #expect(
            violations.map(\.message) == [
                "\"ignored\" is blame: it names a person (The on-call engineer) as the one who ignored repeated warnings, "
                    + "not the conditions that allowed it"
            ])
        #expect(violations.first?.suggestion == BlameRewrite.ignored)
        let passive = Self.violations("## What did not go well\nThe disk warnings were ignored for an hour.\n")
        #expect(passive.map(\.message) == ["\"ignored\" is blame: even without a name, it points at whoever ignored"])
    }

    @Test("positions are UTF-8 byte columns after multibyte text, with LF and CRLF")
    func multibytePositions() {
        let line = "Zoë’s 東京 team ☃ — it was Zoë’s fault, and they should’ve waited."
        for ending in ["\n", "\r\n"] {
            let violations = Self.violations("## Root cause\n\(line)\n", lineEnding: ending)
            let fault = Self.column(of: "Zoë’s fault", in: line)
            let should = Self.column(of: "should’ve", in: line)
            #expect(
                violations.map(\.range) == [
                    SourceRange(line: 8, column: fault, length: "Zoë’s fault".utf8.count),
                    SourceRange(line: 8, column: should, length: "should’ve waited".utf8.count),
                ])
            #expect(violations.first?.message.hasPrefix("\"zoë's fault\"") ?? false)
        }
    }

    @Test("invalid UTF-8 before a phrase keeps byte columns exact")
    func invalidUTF8() {
        let bytes = Array((Self.frontMatter + "## Root cause\n").utf8) + [0xFF, 0xC3, 0x20] + Array("human error\n".utf8)
        let context = CheckContext(configuration: Configuration(), today: LocalDate(daysSinceEpoch: 0))
        let violations = BlamelessLanguageRule().check(PostmortemParser.parse(bytes: bytes), context: context)
        #expect(violations.map(\.range) == [SourceRange(line: 8, column: 4, length: 11)])
    }

    @Test("a phrase wrapped across lines of a paragraph is found, with a range over both lines")
    func wrappedPhrase() {
        let violations = Self.violations("## Root cause\nThe on-call engineer should\n  have waited.\n")
        #expect(
            violations.map(\.range) == [
                SourceRange(start: SourcePosition(line: 8, column: 22), end: SourcePosition(line: 9, column: 14))
            ])
    }

    @Test("positions inside lists, emphasis, headings and table cells")
    func positionsInContainers() {
        let body = """
            ## What we **should have** done
            - Details:
              1. The responder *ignored the alert*.

            | Factor | Note |
            |---|---|
            | a \\| b | It was sloppy |

            """
        let violations = Self.violations(body)
        #expect(
            violations.map(\.range.start) == [
                SourcePosition(line: 7, column: 14),
                SourcePosition(line: 9, column: 21),
                SourcePosition(line: 13, column: 19),
            ])
        #expect(violations.map(\.range.end.column) == [32, 28, 25])
    }

    @Test("words match whole, case-insensitively, with either apostrophe")
    func wholeWords() {
        let body = """
            ## Root cause
            A blameless, blame-free review. Non-blaming language. See blame.go.
            HUMAN ERROR. Human Error. human-error-rate. Carelessly. Careless’ness.
            It Wasn’t My Fault.
            They Should’ve waited. They Should've waited.

            """
        let messages = Self.violations(body).map { String($0.message.prefix { $0 != ":" && $0 != "(" }) }
        #expect(
            messages == [
                "\"human error\" is blame", "\"human error\" is blame", "\"carelessly\" is a judgement",
                "\"should've waited\" is a counterfactual about a person ",
                "\"should've waited\" is a counterfactual about a person ",
            ])
    }

    // MARK: - What is skipped

    @Test("code spans, code blocks, block quotes, HTML comments, quotes and the front matter are skipped")
    func skips() {
        let text = """
            ---
            title: It was human error
            date: 2026-01-01
            severity: SEV3
            status: in-review
            # the on-call should have known
            ---
            ## Root cause
            <!--
            Describe conditions, not who should have done what. Ask people to be more careful? No.
            -->
            The log said `worker should have exited` and ``human error ` retried``.
            The wiki said "the on-call forgot to drain" and “it was careless”.
            Here <!-- should have --> is a comment, and here <!-- a comment over
            two lines: should have, human error --> it ends.

            ```
            he forgot to drain the node
            ```

                indented: it was reckless

            > I should have checked the lag.
            > - it was human error

            - > quoted in a list: sloppy

            """
        #expect(Self.check(text).isEmpty, "\(Self.check(text).map(\.message))")
    }

    @Test("an unpaired double quote quotes nothing; quoting is per line")
    func unpairedQuote() {
        let violations = Self.violations("## Root cause\nThe 5\" disk was fine; it was human error.\n")
        #expect(violations.count == 1)
        let paired = Self.violations("## Root cause\nHe said \"should have\" and it was human error.\n")
        #expect(paired.count == 1)
        #expect(paired.first?.message.hasPrefix("\"human error\"") ?? false)
    }

    @Test("text after a code span or quote is still checked, and phrases do not span them")
    func afterSkipped() {
        let line = "The `retry` ran, and Dana should have waited; should `x` have waited."
        let violations = Self.violations("## Root cause\n\(line)\n")
        #expect(violations.count == 1)
        #expect(violations.first?.range.start == SourcePosition(line: 8, column: Self.column(of: "should", in: line)))
    }

    @Test("the preamble and section titles are checked")
    func preambleAndTitles() {
        let violations = Self.violations("# A careless deploy\nIt was human error.\n## Who is to blame\n")
        #expect(
            violations.map(\.range.start) == [
                SourcePosition(line: 7, column: 5), SourcePosition(line: 8, column: 8), SourcePosition(line: 9, column: 11),
            ])
    }

    // MARK: - Sections

    @Test("exhortations count as commands or obligations about people, in any section, not as reports")
    func exhortations() {
        let reported = """
            ## What did not go well
            Responders were told to be more careful and to remember to drain nodes.
            Double-check the replica, they said.

            """
        #expect(Self.violations(reported).isEmpty)
        let lessons = Self.violations("## Lessons learned\nEngineers must pay more attention to capacity warnings.\n")
        #expect(lessons.map(\.range.start) == [SourcePosition(line: 8, column: 16)])

        let actions = """
            ## Action items
            - [ ] Be more careful with DNS — owner: @dana — due: 2026-02-01
            - [ ] Add a job to double-check the schema — owner: @lee — due: 2026-02-01
            - [ ] Alert on lag so nobody has to remember to check it — owner: @lee — due: 2026-02-01

            | Action | Owner | Due |
            |---|---|---|
            | Remember to drain nodes | @lee | 2026-02-01 |
            | Double-check the replica | @lee | 2026-02-01 |

            """
        let violations = Self.violations(actions)
        #expect(
            violations.map(\.range.start) == [
                SourcePosition(line: 8, column: 7), SourcePosition(line: 14, column: 3), SourcePosition(line: 15, column: 3),
            ])
    }

    @Test("hypotheticals and design intent about systems are fine anywhere; about people they are counterfactuals")
    func hypotheticals() {
        let systems = """
            ## Where we got lucky
            Without the breaker the outage would have reached every region; it could have lasted hours.
            ## Impact
            It could have been much worse. Users could have been exposed. Only one job should have existed.
            The failover should have taken 40 s.

            """
        #expect(Self.violations(systems).isEmpty, "\(Self.violations(systems).map(\.message))")
        let people = Self.violations("## Impact\nThe reviewer could have caught it; we should have waited.\n")
        #expect(people.count == 2)
    }

    @Test("failed to counts about people, not about systems")
    func failedTo() {
        let people = [
            "The on-call engineer failed to escalate.", "We initially failed to escalate.", "@dana failed to escalate.",
            "The engineer who failed to escalate was new.", "They failed to follow the runbook.",
            "Failed to notice the lag until 14:20.",
        ]
        for sentence in people {
            #expect(Self.violations("## Root cause\n\(sentence)\n").count == 1, "\(sentence)")
        }
        let systems = [
            "The pool failed to reconnect.", "Postgres failed to restart.", "Users failed to check out.",
            "The team's script failed to run.", "The replica failed to follow the primary.",
            "The canary failed to notice the regression.",
        ]
        for sentence in systems {
            #expect(Self.violations("## Root cause\n\(sentence)\n").isEmpty, "\(sentence)")
        }
    }

    // MARK: - Configuration

    @Test("team phrases are added, with or without a rewrite")
    func teamPhrases() throws {
        var configuration = Configuration()
        configuration.extraBlamePhrases = ["hero culture", "Rock-star => name the practice, not the person", "Zoë’s call"]
        let violations = Self.violations(
            "## What went well\nOur hero culture and one ROCK-STAR engineer; it was zoë's call.\n",
            configuration: configuration)
        #expect(
            violations.map(\.message) == [
                "\"hero culture\" is on this team's list of phrases to avoid (blameless.phrase in .pmconfig)",
                "\"rock-star\" is on this team's list of phrases to avoid (blameless.phrase in .pmconfig)",
                "\"zoë's call\" is on this team's list of phrases to avoid (blameless.phrase in .pmconfig)",
            ])
        #expect(
            violations.map(\.suggestion) == [
                TeamPhraseMatcher.defaultRewrite, "name the practice, not the person", TeamPhraseMatcher.defaultRewrite,
            ])
        let column = Self.column(of: "ROCK-STAR", in: "Our hero culture and one ROCK-STAR engineer")
        #expect(violations[1].range == SourceRange(line: 8, column: column, length: 9))
    }

    @Test("a team phrase replaces a built-in one with the same words; an empty one is ignored")
    func teamReplacesBuiltIn() {
        var configuration = Configuration()
        configuration.extraBlamePhrases = ["Human Error => say which safeguard was missing", " => nothing", "!!!"]
        let violations = Self.violations("## Root cause\nIt was human error.\n", configuration: configuration)
        #expect(violations.map(\.suggestion) == ["say which safeguard was missing"])
        #expect(violations.first?.message.hasPrefix("\"human error\" is on this team's list") ?? false)
    }

    @Test("allowed phrases silence built-in cues, case-insensitively, whole or one form")
    func allowedPhrases() {
        let body = "## Root cause\nThey should have waited, should’ve known, and it was human error.\n"
        #expect(Self.violations(body).count == 3)

        var configuration = Configuration()
        configuration.allowedBlamePhrases = ["SHOULD HAVE", "Human error"]
        let remaining = Self.violations(body, configuration: configuration).map { $0.message.prefix { $0 != ":" } }
        #expect(remaining == ["\"should've known\" is a counterfactual about a person (They)"])

        configuration.allowedBlamePhrases = ["could’ve"]
        let line = "We could've waited and we could have waited."
        let form = Self.violations("## Root cause\n\(line)\n", configuration: configuration)
        #expect(form.map(\.range.start.column) == [Self.column(of: "could have", in: line)])
    }

    // MARK: - Speed

    @Test("a 10,000-line document is checked in one linear pass")
    func largeDocument() {
        var body = "## Root cause\n"
        let paragraph = [
            "The pool failed to reconnect after the primary changed, and the on-call engineer restarted it at 14:20.",
            "Replication lag rose to 40 s; the alert should fire within 5 minutes but fired after 19, see `lag_alert`.",
            "It was human error, said nobody, because the deploy tool accepted an empty allowlist without a check.",
            "",
        ]
        for index in 0..<10_000 { body += paragraph[index % paragraph.count] + "\n" }
        let text = Self.frontMatter + body
        let postmortem = PostmortemParser.parse(text)
        let context = CheckContext(configuration: Configuration(), today: LocalDate(daysSinceEpoch: 0))
        let clock = ContinuousClock()
        var violations: [RuleViolation] = []
        let elapsed = clock.measure {
            violations = BlamelessLanguageRule().check(postmortem, context: context)
        }
        #expect(violations.count == 2_500)
        print("blameless language: 10,000 lines checked in \(elapsed)")
    }
}
