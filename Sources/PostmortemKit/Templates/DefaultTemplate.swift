/// The blameless postmortem template pm ships, embedded so the binary needs no files.
///
/// A copy of `templates/default.md`; `TemplateTests` fails when the two drift apart.
enum DefaultTemplate {
    /// The template text, with `{{title}}`, `{{date}}`, `{{severity}}`, `{{services}}`,
    /// `{{tags}}` and `{{authors}}` placeholders for `TemplateRenderer`.
    static let text: String = #"""
        ---
        title: "{{title}}"
        date: {{date}}
        severity: {{severity}}
        status: draft            # draft | in-review | published
        services: {{services}}
        tags: {{tags}}
        authors: {{authors}}
        started:                 # when the problem began, e.g. 2026-11-20T14:02:00Z
        detected:                # when a person or an alert first noticed it
        acknowledged:            # when someone started working on it
        mitigated:               # when the impact stopped
        resolved:                # when the systems were back to normal
        related: []
        ---

        ## Summary

        <!--
        Three sentences at most, for the busy reader: what happened, who or what was affected,
        and how it ended. Describe systems and conditions, not people.
        -->

        ## Impact

        <!--
        Who and what was affected, for how long, and how much: users, requests, revenue, data.
        Numbers beat adjectives.
        -->

        ## Timeline

        <!--
        One list item per event, each starting with a time (HH:MM, or YYYY-MM-DD HH:MM when the
        date changes), in pm.timezone (UTC by default) unless written (14:02 UTC, 16:02 +02:00). Say what the
        systems showed and what people knew at that moment, not what we know now.
        Example:
        - 14:02 Checkout error rate rises above 5%; the on-call engineer is paged.
        -->

        ## Root cause

        <!--
        The conditions that made this incident possible: the contributing factors in the system,
        the tooling and the process. There is rarely a single cause. Where a person's action
        was involved, explain what made that action reasonable at the time, and what in the system
        allowed it to cause harm.
        -->

        ## What went well

        <!--
        What limited the impact or sped up the response: alerts, runbooks, tools, decisions.
        -->

        ## What did not go well

        <!--
        What made the incident longer or worse: gaps in detection, tooling, documentation, process.
        Describe the conditions, not who should have done what.
        -->

        ## Where we got lucky

        <!--
        What helped by chance and will not be there next time.
        -->

        ## Action items

        <!--
        One task per line: what will change, an owner, a due date (YYYY-MM-DD), and optionally
        a ticket, a type (prevent, mitigate, detect, process, other) and a priority. Prefer
        guardrails in the system over asking people to be more careful.
        Example:
        - [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-12-15 — ticket: OPS-142 — type: detect
        -->

        ## Lessons learned

        <!--
        What the team now knows about its systems that it did not know before.
        -->

        """#
}
