import Foundation
import Testing

@testable import PostmortemKit

@Suite("Configuration (.pmconfig)")
struct ConfigurationTests {
    @Test("no file: every setting has its default")
    func defaults() throws {
        let configuration = try Configuration.load(contentsOf: "/nonexistent/.pmconfig")
        #expect(configuration.directory == "postmortems")
        #expect(configuration.severities == ["SEV1", "SEV2", "SEV3", "SEV4"])
        #expect(configuration.fallbackSeverity == "SEV4")
        #expect(configuration.requiredSections == ["Summary", "Impact", "Timeline", "Root cause", "Action items"])
        #expect(configuration.timeZone.secondsFromGMT() == 0)
        #expect(configuration.warnings.isEmpty)
    }

    @Test("every known key is read")
    func knownKeys() throws {
        let configuration = try Configuration.parse(
            """
            # team settings
            [pm]
            \tdirectory = docs/incidents/
            \tseverities = P1 P2 P3
            \tdefaultSeverity = P2
            \trequiredSections = Summary, Root cause
            \ttimezone = Europe/Berlin
            \ttemplate = .pm/team.md
            [check]
            \tblameless-language = warning
            \tsummary-length = off
            [blameless]
            \tphrase = dropped the ball => describe what happened
            \tallow = human error
            """)
        #expect(configuration.directory == "docs/incidents")
        #expect(configuration.severities == ["P1", "P2", "P3"])
        #expect(configuration.fallbackSeverity == "P2")
        #expect(configuration.requiredSections == ["Summary", "Root cause"])
        #expect(configuration.timeZone.identifier == "Europe/Berlin")
        #expect(configuration.templatePath == ".pm/team.md")
        #expect(configuration.ruleLevels == ["blameless-language": "warning", "summary-length": "off"])
        #expect(configuration.extraBlamePhrases == ["dropped the ball => describe what happened"])
        #expect(configuration.allowedBlamePhrases == ["human error"])
        #expect(configuration.warnings.isEmpty)
    }

    @Test(
        "an invalid value is an error naming the key and its line",
        arguments: [
            ("[pm]\n\tdirectory = ../outside\n", 2, "pm.directory"),
            ("[pm]\n\tdirectory = /etc\n", 2, "pm.directory"),
            ("[pm]\n\n\tdirectory = .git/objects\n", 3, "pm.directory"),
            ("[pm]\n\tseverities = SEV1 SEV1\n", 2, "pm.severities"),
            ("[pm]\n\ttimezone = Mars/Olympus\n", 2, "pm.timezone"),
            ("[pm]\n\ttimezone = +25:00\n", 2, "pm.timezone"),
            ("[pm]\n\ttemplate = ../../etc/passwd\n", 2, "pm.template"),
            ("[check]\n\tblameless-language = loud\n", 2, "check.blameless-language"),
            ("[pm]\n\tseverities = A B\n\tdefaultSeverity = C\n", 3, "pm.defaultSeverity"),
            ("[pm]\n\tpublicFields = url, authors\n", 2, "pm.publicFields"),
            ("[pm]\n\tpublicFields = my url\n", 2, "pm.publicFields"),
            ("[pm]\n\tpublicFields = ,\n", 2, "pm.publicFields"),
        ])
    func invalidValues(text: String, line: Int, key: String) {
        #expect {
            try Configuration.parse(text)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.line == line && error.message.lowercased().contains(key.lowercased()) && error.path == ".pmconfig"
        }
    }

    @Test("pm.publicFields: none by default; a list of the team's own front-matter keys, never pm's own")
    func publicFields() throws {
        #expect(Configuration().publicFields.isEmpty)
        let configuration = try Configuration.parse("[pm]\n\tpublicFields = url, product_name , post-id\n")
        #expect(configuration.publicFields == ["url", "product_name", "post-id"])
        #expect(configuration.warnings.isEmpty)
        #expect {
            try Configuration.parse("[pm]\n\tpublicFields = authors\n")
        } throws: { error in
            (error as? ConfigurationError)?.message.contains("'authors' is a field pm reads itself") == true
        }
        // The keys it refuses are exactly the ones the parser reads.
        #expect(Configuration.postmortemFields == Set(Postmortem.knownFields))
    }

    @Test("a syntax error is reported with libgit2's line")
    func syntaxError() {
        #expect {
            try Configuration.parse("[pm]\n\tdirectory = postmortems\n[broken\n")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.message.contains("does not parse") && error.line == 3
        }
    }

    @Test("an unknown key is a warning with the nearest known key")
    func unknownKey() throws {
        let configuration = try Configuration.parse("[pm]\n\tdirectroy = docs\n\tcolour = blue\n")
        #expect(
            configuration.warnings.map(\.description) == [
                ".pmconfig:2: unknown key 'pm.directroy'; did you mean 'pm.directory'?",
                ".pmconfig:3: unknown key 'pm.colour'",
            ])
        #expect(configuration.directory == "postmortems")
    }

    @Test("check.baseline names the findings baseline file; its default is .pm-baseline.json at the root")
    func baselinePath() throws {
        #expect(Configuration().baselinePath == ".pm-baseline.json")
        let configuration = try Configuration.parse("[check]\n\tbaseline = ci//pm-baseline.json\n\tsummary-length = off\n")
        #expect(configuration.baselinePath == "ci/pm-baseline.json")
        #expect(configuration.ruleLevels == ["summary-length": "off"])
        #expect(configuration.warnings.isEmpty)
        // `check.<rule-id>` sets a rule's level: no rule may take the name.
        #expect(RuleRegistry.rule(id: "baseline") == nil)
        let misspelt = try Configuration.parse("[check]\n\tbaselin = off\n")
        #expect(
            misspelt.warnings.map(\.description) == [
                ".pmconfig:2: unknown key 'check.baselin': no rule has the id 'baselin'; did you mean 'check.baseline'?"
            ])
    }

    @Test(
        "check.baseline must be a file inside the repository that is not read as a postmortem",
        arguments: [
            "[check]\n\tbaseline = /etc/baseline.json\n", "[check]\n\tbaseline = ../baseline.json\n",
            "[check]\n\tbaseline = .git/baseline.json\n", "[check]\n\tbaseline = ci/\n",
            "[check]\n\tbaseline = \"\"\n", "[check]\n\tbaseline = postmortems/baseline.md\n",
        ])
    func invalidBaselinePath(text: String) {
        #expect {
            try Configuration.parse(text)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.line == 2 && error.message.contains("check.baseline")
        }
    }

    @Test("time zones: UTC, IANA names and fixed offsets")
    func timeZones() {
        #expect(Configuration.timeZone(named: "UTC")?.secondsFromGMT() == 0)
        #expect(Configuration.timeZone(named: "Z")?.secondsFromGMT() == 0)
        #expect(Configuration.timeZone(named: "+02:00")?.secondsFromGMT() == 7200)
        #expect(Configuration.timeZone(named: "-0530")?.secondsFromGMT() == -19800)
        #expect(Configuration.timeZone(named: "America/New_York") != nil)
        #expect(Configuration.timeZone(named: "EST5EDT-nonsense") == nil)
        #expect(Configuration.timeZone(named: "+14:61") == nil)
    }
}
