import Foundation
import Testing

@testable import PostmortemKit

/// Realistic postmortem sentences, some blaming and some blameless, checked one by one: every
/// blaming sentence is caught by the expected phrase, and no blameless sentence is flagged.
///
/// Choices the corpus pins down: "failed to" counts about people (a pronoun, a role, an `@handle`,
/// or an action only people take), not about systems; "should have" counts about a person, not as
/// design intent about a system ("the alert should have fired at 14:05") or a present requirement
/// ("every service should have an owner"); "could have" and "would have" are fine about systems and
/// before "been worse"; exhortations count as commands and obligations, in any section.
///
/// The larger labelled corpus, with its held-out split, is in Tests/Fixtures/Language and is measured
/// through the binary by `make bench-language` and `BlamelessCorpusMeasureTests`.
@Suite("Blameless language: corpus")
struct BlamelessCorpusTests {
    /// One sentence, the section it is written in, and for a blaming one the words that must be found.
    struct Sentence: CustomTestStringConvertible, Sendable {
        var text: String
        var section: String
        /// The phrase as matched (lowercased, typographic apostrophes made plain), nil for a blameless sentence.
        var phrase: String?

        var testDescription: String { text }
    }

    static let whatDidNotGoWell = "What did not go well"
    static let actionItems = "Action items"

    static func blaming(_ text: String, _ phrase: String, in section: String = whatDidNotGoWell) -> Sentence {
        Sentence(text: text, section: section, phrase: phrase)
    }

    static func blameless(_ text: String, in section: String = whatDidNotGoWell) -> Sentence {
        Sentence(text: text, section: section, phrase: nil)
    }

    static let blamingSentences: [Sentence] = [
        blaming("The outage was caused by human error.", "human error"),
        blaming("Dana should have checked the replication lag before the failover.", "should have"),
        blaming("The on-call engineer failed to notice the alert for 20 minutes.", "failed to"),
        blaming("@lee failed to run the migration in staging first.", "failed to"),
        blaming("We failed to escalate to the database team until 15:00.", "failed to"),
        blaming("The reviewer failed to spot the missing index.", "failed to"),
        blaming("He forgot to drain the node before rebooting it.", "forgot"),
        blaming("The release team neglected to update the runbook after the migration.", "neglected"),
        blaming("They didn't bother to read the deploy checklist.", "didn't bother"),
        blaming("It was a careless change to the pool size.", "careless"),
        blaming("The rollback was handled carelessly.", "carelessly"),
        blaming("Leaving the debug flag on in production was pure negligence.", "negligence"),
        blaming("The migration script was sloppy and untested.", "sloppy"),
        blaming("A lazy review let the bug through.", "lazy"),
        blaming("The contractor who wrote the cron job was incompetent.", "incompetent"),
        blaming("Deploying on a Friday evening was reckless.", "reckless"),
        blaming("A stupid typo in the YAML took down checkout.", "stupid"),
        blaming("It was a dumb mistake in the Terraform plan.", "dumb mistake"),
        blaming("In hindsight it was an obvious mistake.", "obvious mistake"),
        blaming("Lee should have known the replica was lagging.", "should have known"),
        blaming("It was Dana's fault that the config was pushed.", "dana's fault"),
        blaming("The failure was entirely the responder’s fault.", "responder's fault"),
        blaming("The incident was the fault of the platform team.", "fault of the platform team"),
        blaming("The SRE team is to blame for the missing alert.", "to blame"),
        blaming("Management blamed the on-call engineer for the delay.", "blamed"),
        blaming("Operator error caused the data loss.", "operator error"),
        blaming("Support closed the first ticket as user error.", "user error"),
        blaming("The engineer mistakenly deleted the production volume.", "mistakenly"),
        blaming("An inexperienced engineer ran the cleanup script.", "inexperienced"),
        blaming("Someone fat-fingered the IP address in the allowlist.", "fat-fingered"),
        blaming("The on-call dropped the ball on the escalation.", "dropped the ball"),
        blaming("We screwed up the DNS cutover.", "screwed up"),
        blaming("The responder messed up the routing table.", "messed up"),
        blaming("The responder ignored the alert because it was noisy.", "ignored"),
        blaming("The on-call didn’t follow the runbook.", "didn't follow"),
        blaming("Pushing directly to main violated the process.", "violated"),
        blaming("Engineers could have caught this in code review.", "could have"),
        blaming("A second reviewer would have spotted the typo.", "would have"),
        blaming("The author ought to have tested the migration.", "ought to have"),
        blaming("The author shouldn't have merged without approval.", "shouldn't have"),
        blaming("They should've waited for the canary to finish.", "should've"),
        blaming("Skipping the dry run was a rookie mistake.", "rookie mistake"),
        blaming("If only the runbook had been up to date.", "if only"),
        blaming("The on-call engineer was not paying attention to the lag dashboard.", "not paying attention"),
        blaming("Approving the change without a review was a lapse in judgement.", "lapse in judgement"),
        blaming("The team had grown complacent about failover drills.", "complacent"),
        blaming("Nobody noticed because the on-call was negligent.", "negligent"),
        blaming("Rolling back without checking the schema version was irresponsible.", "irresponsible"),
        blaming("The responder botched the failover.", "botched"),
        blaming("Be more careful when editing DNS records", "be more careful", in: actionItems),
        blaming("Pay more attention to the lag dashboard during deploys", "pay more attention", in: actionItems),
        blaming("Double-check the replica before a failover", "double-check", in: actionItems),
        blaming("Remember to drain nodes before a reboot", "remember to", in: actionItems),
        blaming("Engineers must try harder to follow the checklist", "try harder", in: actionItems),
        blaming("Be vigilant during database deploys", "be vigilant", in: actionItems),
        blaming("Don’t forget to update the status page", "don't forget", in: actionItems),
        blaming("Remind on-call engineers to check the lag dashboard", "remind", in: actionItems),
        blaming("Review DNS changes more carefully", "more carefully", in: actionItems),
        blaming("Always double-check the target cluster before running the script", "double-check", in: actionItems),
    ]

    static let blamelessSentences: [Sentence] = [
        blameless("The alert should fire within 5 minutes of replication lag exceeding 30 s."),
        blameless("The alert should have fired at 14:05."),
        blameless("We could not reproduce the failure in staging."),
        blameless("The failover failed over to zone b as designed."),
        blameless("This is a blameless review of the checkout outage."),
        blameless("The pool failed to reconnect after the primary changed."),
        blameless("Replication failed to catch up for 40 minutes."),
        blameless("The Postgres operator failed to promote the replica."),
        blameless("Kafka consumers failed to commit their offsets."),
        blameless("12% of users failed to complete checkout.", in: "Impact"),
        blameless("The replica failed to follow the primary after the network partition."),
        blameless("The on-call engineer's laptop failed to connect to the VPN."),
        blameless("The job failed to acquire the lock and exited."),
        blameless("The rack's fault domain covered both replicas."),
        blameless("The cluster's fault tolerance was lower than the design document said."),
        blameless("`git blame` showed the threshold was set in 2019."),
        blameless("git blame showed the threshold came from a 2019 refactor."),
        blameless("This review assigns no blame to individuals."),
        blameless("Nobody is to blame; the deploy tool accepted an empty allowlist."),
        blameless("A blame-free culture made people share their screens early.", in: "What went well"),
        blameless("The blameless template asks what made each action reasonable at the time."),
        blameless("The config is lazy-loaded on the first request."),
        blameless("Lazy loading delayed the first request by 2 s."),
        blameless("The store uses a sloppy quorum, so fallback nodes accepted the writes."),
        blameless("The user error rate rose to 4% while 5xx responses stayed flat.", in: "Impact"),
        blameless("The engineer said “I should have checked the lag” on the bridge call."),
        blameless("The runbook said \"ignore the alert if lag recovers\", which held until this incident."),
        blameless("The on-call engineer followed the runbook, which described the old topology."),
        blameless("The deploy tool did not ask for confirmation before dropping the table."),
        blameless("Careful canary analysis limited the impact to 1% of requests.", in: "What went well"),
        blameless("We did not know the replica was lagging; the dashboard showed only the primary."),
        blameless("The health check should return 503 while the pool is empty."),
        blameless("Every service should have an owner, and the payments service had none."),
        blameless("The pool should have 20 connections but had 200."),
        blameless("The retry logic should back off exponentially but used a fixed 100 ms delay."),
        blameless("The engineer's change passed CI because no test covered an empty allowlist."),
        blameless("The alert was one of 40 firing at the time, and was routed to a muted channel."),
        blameless("We couldn't have known about the kernel bug before the vendor advisory."),
        blameless("The error budget was exhausted by 15:10, so the deploy freeze started.", in: "Impact"),
        blameless("The team double-checked the rollback plan before starting.", in: "What went well"),
        blameless("It could have been much worse: traffic was at its weekly low.", in: "Impact"),
        blameless("Without the circuit breaker, the outage would have reached EU customers.", in: "Where we got lucky"),
        blameless("The dashboard makes it hard to pay attention to lag during a deploy."),
        blameless("Responders were asked to be careful on the bridge, which slowed the rollback."),
        blameless("Add a CI check that rejects migrations without a rollback", in: actionItems),
        blameless("Alert on replication lag so nobody has to remember to check it", in: actionItems),
        blameless("Add a pre-deploy job to double-check the target cluster", in: actionItems),
        blameless("Make the failover script refuse to run while replication lag is above 30 s", in: actionItems),
        blameless("Page the secondary when the primary on-call does not acknowledge within 5 minutes", in: actionItems),
    ]

    /// The findings for `sentence`, written in its section of a small in-review postmortem.
    static func findings(_ sentence: Sentence) -> [RuleViolation] {
        let line =
            sentence.section == actionItems
            ? "- [ ] \(sentence.text) — owner: @dana — due: 2026-02-01" : sentence.text
        let text = """
            ---
            title: Checkout API returned 500s
            date: 2026-01-01
            severity: SEV3
            status: in-review
            ---
            ## \(sentence.section)
            \(line)

            """
        let context = CheckContext(configuration: Configuration(), today: LocalDate(daysSinceEpoch: 0))
        return BlamelessLanguageRule().check(PostmortemParser.parse(text), context: context)
    }

    @Test("the corpus is big enough and balanced")
    func corpusSize() {
        #expect(Self.blamingSentences.count >= 30)
        #expect(Self.blamelessSentences.count >= 30)
        #expect(Self.blamingSentences.allSatisfy { $0.phrase != nil })
    }

    @Test("every blaming sentence is caught, no blameless sentence is flagged")
    func corpus() {
        var caught = 0
        for sentence in Self.blamingSentences {
            let findings = Self.findings(sentence)
            let expected = "\"\(sentence.phrase ?? "")"
            let found = findings.contains { $0.message.hasPrefix(expected) }
            #expect(found, "not caught as \(expected): \(sentence.text) — found \(findings.map(\.message))")
            if found { caught += 1 }
        }
        var falsePositives = 0
        for sentence in Self.blamelessSentences {
            let findings = Self.findings(sentence)
            #expect(findings.isEmpty, "false positive in \(sentence.text): \(findings.map(\.message))")
            if !findings.isEmpty { falsePositives += 1 }
        }
        let blaming = Self.blamingSentences.count
        let blameless = Self.blamelessSentences.count
        print(
            "blameless corpus: \(blaming) blaming caught \(caught)/\(blaming), "
                + "\(blameless) blameless false positives \(falsePositives)/\(blameless)")
        #expect(caught == blaming)
        #expect(falsePositives == 0)
    }
}
