/// Reports language that blames people: an actor who failed, a blame noun, a judgement, a
/// counterfactual about a person, an exhortation; each with a rewrite that moves to the conditions.
///
/// It reads each sentence for who the actor is and what is said about them (`BlameDetector`,
/// `ClauseReader`), so "the on-call engineer skipped the check" is blame and "the job skipped the
/// check" is not. Prose only: headings, paragraphs, list items and table cells. Code spans, code
/// blocks, block quotes, HTML comments, double-quoted text on a line and the front matter are left
/// alone, because they quote what someone said or logged, or guide the author.
struct BlamelessLanguageRule: Rule {
    static let description = RuleDescription(
        id: "blameless-language", name: "Blameless language",
        rationale: """
            People share what really happened only when they trust they will not be blamed for it, and a \
            postmortem that names a culprit stops the search for the conditions that made the mistake easy. The \
            rule reads each sentence for two things. Who is the actor: a person, a role, a team, a pronoun \
            ("we", "someone", "nobody"), a name (the document's authors and owners, @handles, common given \
            names), a possessive ("Lee's", "the intern's"), or a passive that still points at someone ("the \
            warnings were ignored", "was caused by an engineer"); or a system ("the job", "the pool", "the \
            Postgres operator", "Jenkins"). And what is said about them: a failure ("ignored", "overlooked", \
            "skipped", "forgot", "failed to", "did not follow", "deleted the wrong…", "accidentally", "without \
            checking"), a blame noun ("mistake", "oversight", "fault", "human error"), a judgement ("careless", \
            "sloppy", "reckless", "too slow"), a counterfactual ("should have checked", "if Omar had \
            followed", "entirely preventable"), which judges a decision by what is known only afterwards, or an \
            exhortation ("engineers must pay more attention", "remind the team to double-check", "be more \
            careful"), which asks people to try harder instead of changing the system. Most of these count only \
            about a person: "the on-call engineer ignored the alert" is blame, "the firmware ignored the \
            setting" is not, and "the failover should have taken 40 s" or "users could have been exposed" are \
            design intent and hypotheticals, not judgements. Each finding names the actor and suggests a \
            rewrite that moves to the conditions. Code, quotations (block quotes and "double-quoted" text) and \
            HTML comments are skipped. Teams add phrases with `blameless.phrase` (`phrase` or `phrase => \
            rewrite`) and silence built-in cues with `blameless.allow` (`should have`, `human error`, or one form \
            such as `could've`).
            """,
        kind: .language, defaultSeverity: .error, appliesFrom: .inReview, belowLevel: .warning,
        passingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Summary
            This blameless review covers the checkout outage. The alert should fire within 5 minutes; it fired after 19.
            Every service should have an owner, and the payments service had none.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Root cause
            This job mistakenly targeted a resource group in the wrong region. Only one scheduler should have existed.
            The failover should have taken 40 s and took 6 minutes; users could have been exposed to stale reads.
            The connection pool failed to reconnect to the new primary, and Jenkins skipped the smoke tests.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Timeline
            - 14:02 The worker logs `retry budget exhausted, should have backed off` 40 times.
            - 14:05 Dana restarted the primary following step 4 of the runbook.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## What did not go well
            > I should have checked the replication lag first.

            At 14:20 the on-call engineer wrote "we forgot to drain the node" in the incident channel. The runbook
            pointed at the old cluster, and the engineer followed it.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Action items
            <!-- Prefer guardrails in the system over asking people to be more careful. -->
            - [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-02-01
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## What went well
            Responders paid attention to the lag dashboard and double-checked the rollback plan.
            ## Where we got lucky
            Traffic was at its weekly low; without the circuit breaker the outage would have reached every region.
            """,
        ],
        failingExamples: [
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Root cause
            Dana ↓should have waited for replication to catch up.
            The on-call engineer ↓failed to notice the lag, which was ↓human error.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## What did not go well
            It was ↓Zoë’s fault: she ↓didn’t follow the runbook and ↓carelessly skipped the drain step.
            The outage was caused by ↓Lee's mistake. An engineer ↓accidentally deleted the certificate.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## What did not go well
            The on-call engineer ↓ignored repeated warnings from the monitoring system.
            This would never have happened ↓if Omar had followed the checklist.
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Action items
            - [ ] ↓Be more careful when editing DNS records — owner: @dana — due: 2026-02-01
            - [ ] ↓Remember to drain nodes before a reboot — owner: @lee — due: 2026-02-01
            - [ ] ↓Remind on-call engineers to check the lag dashboard — owner: @lee — due: 2026-02-01
            """,
            """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## Lessons learned
            A second reviewer ↓would have spotted the typo, and the author ↓ought to have tested the migration.
            Engineers must ↓pay more attention to capacity warnings.

            | Factor | Note |
            |--------|------|
            | Review | The change was ↓sloppy |
            """,
        ])

    init() {}

    func check(_ postmortem: Postmortem, context: CheckContext) -> [RuleViolation] {
        let configuration = context.configuration
        var scanner = ProseScanner(
            detector: BlameDetector(names: BlamelessLanguageRule.names(in: postmortem)),
            team: TeamPhraseMatcher(entries: configuration.extraBlamePhrases), source: postmortem.source)
        scanner.scan(postmortem.preamble, section: nil)
        for section in postmortem.sections {
            scanner.scan([TextLine(text: section.title, position: section.titleRange.start)], section: section.kind)
            scanner.scan(section.blocks, section: section.kind)
        }
        let allowed = Set(configuration.allowedBlamePhrases.map(BlamelessLanguageRule.normalized))
        let teamRanges = scanner.findings.filter { $0.category == .team }.map(\.range)
        let kept = scanner.findings.filter { finding in
            guard finding.category != .team else { return true }
            if allowed.contains(BlamelessLanguageRule.normalized(finding.cue))
                || allowed.contains(BlamelessLanguageRule.normalized(finding.words))
                || finding.form.map({ allowed.contains(BlamelessLanguageRule.normalized($0)) }) == true
            {
                return false
            }
            // A team phrase with the same words replaces the built-in finding.
            return !teamRanges.contains { $0.start <= finding.range.end && finding.range.start <= $0.end }
        }
        return kept.sorted { $0.range.start < $1.range.start }.map { finding in
            RuleViolation(finding.message, at: finding.range, suggestion: finding.rewrite)
        }
    }

    /// The names the document gives people: its authors, the owners of its action items, and any
    /// people-valued field (reviewers, the incident commander, responders), lowercased, `@` dropped.
    static func names(in postmortem: Postmortem) -> Set<String> {
        var values = postmortem.authors + postmortem.actionItems.compactMap(\.owner)
        for entry in postmortem.frontMatter?.entries ?? [] where peopleFields.contains(entry.key.lowercased()) {
            values += entry.value.listValue ?? entry.value.stringValue.map { [$0] } ?? []
        }
        var names: Set<String> = []
        // A document may have 100,000 action items and a handful of owners: read each value once.
        for value in Set(values) {
            for word in BlamelessTokenizer.keys(of: value) {
                let name = word.hasPrefix("@") ? String(word.dropFirst()) : word
                // Only names: a role ("the on-call") or a word like "team" in a field says nothing new.
                guard name.count > 1, !BlameLexicon.personNouns.contains(name), !BlameLexicon.systemNames.contains(name),
                    !BlameLexicon.determiners.contains(name), name.first?.isLetter == true
                else { continue }
                names.insert(name)
                // A handle like "dana.lee" or "dana_lee" names Dana and Lee.
                for part in name.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" }) where part.count > 1 {
                    names.insert(String(part))
                }
            }
        }
        return names
    }

    /// Front-matter fields whose values are people.
    static let peopleFields: Set<String> = [
        "author", "authors", "owner", "owners", "reviewer", "reviewers", "approver", "approvers", "commander",
        "incident_commander", "incident-commander", "ic", "responders", "responder", "participants", "on-call",
        "oncall", "on_call", "scribe", "lead", "leads", "contributors", "people",
    ]

    /// A phrase as `blameless.allow` compares it: its words, lowercased, `’` as `'`.
    static func normalized(_ phrase: String) -> String {
        BlamelessTokenizer.keys(of: phrase).joined(separator: " ")
    }
}

/// Walks the prose of a document's blocks and collects what it finds there.
private struct ProseScanner {
    let detector: BlameDetector
    let team: TeamPhraseMatcher
    let source: SourceText
    var tokenizer = BlamelessTokenizer()
    var findings: [BlameFinding] = []

    init(detector: BlameDetector, team: TeamPhraseMatcher, source: SourceText) {
        self.detector = detector
        self.team = team
        self.source = source
    }

    /// Scans `blocks` and their descendants in a section of `kind`, skipping code, quotes and comments.
    mutating func scan(_ blocks: [Block], section kind: SectionKind?) {
        var stack = Array(blocks.reversed())
        while let block = stack.popLast() {
            switch block.kind {
            case .heading(let heading):
                scan([TextLine(text: heading.text, position: heading.textRange.start)], section: kind)
            case .paragraph(let lines):
                scan(lines, section: kind)
            case .table(let table):
                for row in [table.header] + table.rows {
                    for cell in row.cells where cell.range.start.line == cell.range.end.line {
                        scan([cellLine(cell)], section: kind)
                    }
                }
            case .list, .listItem:
                stack.append(contentsOf: block.children.reversed())
            case .codeBlock, .blockQuote, .htmlComment, .thematicBreak:
                break
            }
        }
    }

    /// Scans one run of prose: lines of one paragraph, a heading or a table cell.
    mutating func scan(_ lines: [TextLine], section kind: SectionKind?) {
        tokenizer.reset()
        for line in lines { tokenizer.append(line) }
        detector.findings(in: tokenizer.tokens, section: kind, into: &findings)
        team.findings(in: tokenizer.tokens, into: &findings)
    }

    /// The cell's text as written (escaped pipes included), so columns match the source.
    func cellLine(_ cell: Block.TableCell) -> TextLine {
        let bytes = source.lineBytes(cell.range.start.line)
        let low = bytes.startIndex + cell.range.start.column - 1
        let high = bytes.startIndex + cell.range.end.column - 1
        guard low >= bytes.startIndex && low <= high && high <= bytes.endIndex else {
            return TextLine(text: cell.text, position: cell.range.start)
        }
        return TextLine(bytes: bytes[low..<high], position: cell.range.start)
    }
}
