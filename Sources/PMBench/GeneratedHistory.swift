/// The commits of a generated postmortem repository, oldest first: postmortems added over time, edited through their
/// lifecycle, now and then renamed or deleted. The same parameters give the same commits.
struct GeneratedHistory: Sequence, IteratorProtocol {
    /// The word the benchmark's rare-word queries look for. One postmortem has it in its Root cause until a later commit
    /// rewrites that sentence (only a search over history finds it there); another keeps it to the end.
    static let rareWord = "zeppelin"

    /// What one commit of the plan does.
    private enum Step: Equatable {
        case add(count: Int)
        case edit
        case rename
        case delete
    }

    /// A change to one postmortem's content, committed on its own.
    private enum Edit {
        case appendTimelineEntry, rewriteRootCause, advanceStatus, closeActionItem, addActionItem
    }

    /// How often each edit is drawn, in percent.
    private static let editWeights: [(edit: Edit, percent: Int)] = [
        (.appendTimelineEntry, 25), (.rewriteRootCause, 20), (.advanceStatus, 30), (.closeActionItem, 20),
        (.addActionItem, 5),
    ]

    /// How many of the most recently added postmortems most edits go to: a postmortem is edited most in its first days.
    private static let recentCount = 40

    private var generator: PostmortemGenerator
    private let steps: [Step]
    /// The step the next commit makes.
    private var stepIndex = 0
    /// The author and committer date of the latest commit.
    private var time = UTCMinute.historyStart
    /// Every postmortem ever added, by number (the order they were added in), deleted ones included.
    private var postmortems: [GeneratedPostmortem] = []
    /// The numbers of the postmortems that exist at the current commit, in no particular order.
    private var live: [Int] = []
    /// For each postmortem number, its index in `live`, or nil once deleted.
    private var livePosition: [Int?] = []
    /// The numbers of the last `recentCount` postmortems added, deleted ones included.
    private var recent: [Int] = []
    /// Every id a file has had, so that a new one never takes the id of an older postmortem.
    private var usedIDs: Set<String> = []
    /// The postmortems that get the rare word: in Root cause (rewritten later), and in What went well (kept).
    private let rareWordHolders: (rewritten: Int, kept: Int)
    /// When the rewrite of the rare word's Root cause sentence is due: at the first edit from this step on.
    private var rareWordRewrite: (postmortem: Int, notBefore: Int)?

    /// A history of `commits` commits that adds `postmortems` postmortems (both at least 1), and renames and deletes
    /// about 2% of them.
    init(postmortems count: Int, commits: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var steps: [Step] = []
        var added = 0
        for index in 0..<commits {
            // Adds keep pace with the commits, one or a few at a time; the last commit adds what is left.
            let deficit = Swift.max(count * (index + 1) / commits - added, added == 0 ? 1 : 0)
            let adding: Int
            if deficit >= 3 || added == 0 || index == commits - 1 {
                adding = deficit
            } else if deficit > 0 && random.chance(50) {
                adding = random.int(in: 1...deficit)
            } else {
                adding = 0
            }
            steps.append(adding > 0 ? .add(count: adding) : .edit)
            added += adding
        }
        let edits = steps.indices.filter { steps[$0] == .edit }
        let moves = (count + 25) / 50
        let chosen = random.pick(Swift.min(2 * moves, edits.count), of: edits)
        for (order, index) in chosen.enumerated() { steps[index] = order < moves ? .rename : .delete }
        self.steps = steps
        self.generator = PostmortemGenerator(random: random)
        self.rareWordHolders = (count / 3, 2 * count / 3)
    }

    mutating func next() -> GeneratedCommit? {
        guard stepIndex < steps.count else { return nil }
        defer { stepIndex += 1 }
        time = time.adding(minutes: generator.random.int(in: 5...170))
        switch steps[stepIndex] {
        case .add(let count): return add(count)
        case .rename: return rename()
        case .delete: return delete() ?? edit()
        case .edit: return edit()
        }
    }

    /// Adds `count` new postmortems in one commit.
    private mutating func add(_ count: Int) -> GeneratedCommit {
        var added: [GeneratedPostmortem] = []
        for _ in 0..<count {
            let number = postmortems.count
            let authors = generator.random.pick(generator.random.int(in: 1...2), of: Person.team)
            let start = Swift.max(UTCMinute.historyStart, time.adding(minutes: -generator.random.int(in: 60...4_320)))
            var postmortem = generator.postmortem(startingAt: start, authors: authors)
            postmortem.slug = claimSlug(postmortem.slug, on: postmortem.date)
            if number == rareWordHolders.rewritten {
                let sentence = "The \(Self.rareWord) cache layer served stale routes after the failover."
                postmortem.rootCause.insert(sentence, at: generator.random.int(in: 0...postmortem.rootCause.count))
                rareWordRewrite = (number, stepIndex + 30)
            }
            if number == rareWordHolders.kept {
                postmortem.wentWell.append("The \(Self.rareWord) runbook had the exact failover steps.")
            }
            postmortems.append(postmortem)
            livePosition.append(live.count)
            live.append(number)
            recent.append(number)
            if recent.count > Self.recentCount { recent.removeFirst() }
            added.append(postmortem)
        }
        let ids = added.map(\.id).joined(separator: ", ")
        return GeneratedCommit(
            author: added[0].authors[0], time: time,
            message: added.count == 1 ? "Add postmortem \(ids)" : "Add postmortems \(ids)",
            changes: added.map { .write(path: $0.path, text: $0.markdown) })
    }

    /// Edits one postmortem: the due rewrite of the rare word, or an edit drawn for the postmortem drawn.
    private mutating func edit() -> GeneratedCommit {
        if let rewrite = rareWordRewrite, stepIndex >= rewrite.notBefore {
            rareWordRewrite = nil
            let number = rewrite.postmortem
            if livePosition[number] != nil,
                let sentence = postmortems[number].rootCause.firstIndex(where: { $0.contains(Self.rareWord) })
            {
                postmortems[number].rootCause[sentence] = generator.cause()
                return commit(number, message: "Update postmortem \(postmortems[number].id)")
            }
        }
        let (number, isRecent) = target()
        // An older postmortem mostly gets reviewed, published and its action items closed; a recent one any edit.
        var edit = generator.random.chance(75) ? Edit.advanceStatus : .closeActionItem
        if isRecent {
            var draw = generator.random.int(in: 0...99)
            for weight in Self.editWeights {
                if draw < weight.percent {
                    edit = weight.edit
                    break
                }
                draw -= weight.percent
            }
        }
        var postmortem = postmortems[number]
        let message = apply(edit, to: &postmortem) ?? appendTimelineEntry(to: &postmortem)
        postmortems[number] = postmortem
        return commit(number, message: message)
    }

    /// Makes `edit` to a postmortem and returns the commit message, or nil when that edit does not apply to it.
    private mutating func apply(_ edit: Edit, to postmortem: inout GeneratedPostmortem) -> String? {
        switch edit {
        case .appendTimelineEntry:
            return appendTimelineEntry(to: &postmortem)
        case .rewriteRootCause:
            let index = generator.random.int(in: 0...(postmortem.rootCause.count - 1))
            var replacement = generator.cause()
            while replacement == postmortem.rootCause[index] { replacement = generator.cause() }
            postmortem.rootCause[index] = replacement
            return "Update postmortem \(postmortem.id)"
        case .advanceStatus:
            guard let next = postmortem.status.next else { return nil }
            postmortem.status = next
            return "Mark \(postmortem.id) as \(next.rawValue)"
        case .closeActionItem:
            let open = postmortem.actionItems.indices.filter { !postmortem.actionItems[$0].isDone }
            guard !open.isEmpty else { return nil }
            let index = generator.random.pick(open)
            postmortem.actionItems[index].isDone = true
            return "Close action item \(postmortem.id)#\(index + 1)"
        case .addActionItem:
            let owner = generator.random.pick(postmortem.authors).handle
            postmortem.actionItems.append(generator.actionItem(owner: owner, incident: postmortem.date))
            return "Update postmortem \(postmortem.id)"
        }
    }

    /// Adds a follow-up to the end of a postmortem's timeline (an edit that always applies); returns the message.
    private mutating func appendTimelineEntry(to postmortem: inout GeneratedPostmortem) -> String {
        let last = postmortem.timeline.last?.time ?? postmortem.date
        postmortem.timeline.append(
            GeneratedPostmortem.TimelineEntry(
                time: last.adding(minutes: generator.random.int(in: 20...1_440)), text: generator.followUp()))
        return "Update postmortem \(postmortem.id)"
    }

    /// Moves a postmortem to a shorter slug (same content), a new title's slug, or the day before (the incident had
    /// started before midnight).
    private mutating func rename() -> GeneratedCommit {
        let number = target().number
        let source = postmortems[number]
        var postmortem = source
        let words = source.slug.split(separator: "-")
        let change: FileChange
        switch generator.random.int(in: 0...2) {
        case 0 where words.count > 3:
            let kept = words.prefix(generator.random.int(in: 2...(words.count - 1))).joined(separator: "-")
            postmortem.slug = claimSlug(kept, on: postmortem.date)
            change = .rename(source: source.path, destination: postmortem.path)
        case 0, 1:
            postmortem.title = generator.title(service: postmortem.services[0])
            postmortem.slug = claimSlug(PostmortemGenerator.slug(postmortem.title), on: postmortem.date)
            change = .write(path: postmortem.path, text: postmortem.markdown)
        default:
            postmortem.shiftDate(byDays: -1)
            postmortem.slug = claimSlug(source.slug, on: postmortem.date)
            change = .write(path: postmortem.path, text: postmortem.markdown)
        }
        postmortems[number] = postmortem
        let changes: [FileChange] = if case .rename = change { [change] } else { [.delete(path: source.path), change] }
        return GeneratedCommit(
            author: author(of: number), time: time, message: "Rename postmortem \(source.id) to \(postmortem.id)",
            changes: changes)
    }

    /// Deletes a postmortem (a duplicate, a drill written up by mistake); nil when the one drawn must stay.
    private mutating func delete() -> GeneratedCommit? {
        let number = target().number
        guard live.count > 1, number != rareWordHolders.kept, let position = livePosition[number] else { return nil }
        let moved = live.removeLast()
        if moved != number {
            live[position] = moved
            livePosition[moved] = position
        }
        livePosition[number] = nil
        return GeneratedCommit(
            author: author(of: number), time: time, message: "Delete postmortem \(postmortems[number].id)",
            changes: [.delete(path: postmortems[number].path)])
    }

    /// A live postmortem to change: usually one of the most recent, sometimes any.
    private mutating func target() -> (number: Int, isRecent: Bool) {
        if generator.random.chance(75) {
            let candidate = generator.random.pick(recent)
            if livePosition[candidate] != nil { return (candidate, true) }
        }
        return (generator.random.pick(live), false)
    }

    /// Who commits a change to a postmortem: usually one of its authors, sometimes a reviewer.
    private mutating func author(of number: Int) -> Person {
        generator.random.chance(85) ? generator.random.pick(postmortems[number].authors) : generator.random.pick(Person.team)
    }

    /// The commit that writes a postmortem's current text.
    private mutating func commit(_ number: Int, message: String) -> GeneratedCommit {
        let postmortem = postmortems[number]
        return GeneratedCommit(
            author: author(of: number), time: time, message: message,
            changes: [.write(path: postmortem.path, text: postmortem.markdown)])
    }

    /// `slug`, or `slug-2`, `slug-3`, … when a postmortem of that day already had it; reserves the id.
    private mutating func claimSlug(_ slug: String, on date: UTCMinute) -> String {
        var candidate = slug
        var suffix = 2
        while !usedIDs.insert("\(date.dateText)-\(candidate)").inserted {
            candidate = "\(slug)-\(suffix)"
            suffix += 1
        }
        return candidate
    }
}
