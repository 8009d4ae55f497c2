/// The words generated documents are written in: English function words, a few hundred technical words, and tens of
/// thousands of made-up words, drawn by rank with a Zipf–Mandelbrot law as real prose is. The index sees as many
/// distinct terms as a real corpus of design documents gives it, not the same few hundred words again and again.
struct Vocabulary: Sendable {
    /// Built once: the made-up words come from a fixed seed, so every history (any seed) shares the vocabulary.
    static let shared = Vocabulary()

    /// How many made-up words there are beside the technical ones.
    static let madeUpCount = 24_000

    /// English function words, the most frequent first.
    let functionWords: [String]
    /// The technical words, then the made-up ones: rank order for the draw.
    let contentWords: [String]
    /// Running sums of each word's weight, for drawing by binary search.
    private let functionWeights: [Double]
    private let contentWeights: [Double]

    private init() {
        functionWords = Self.function
        // Words a benchmark looks for must appear only where the history puts them.
        var seen = Set(Self.function + [DocumentHistory.rareWord])
        var words = Self.technical.filter { seen.insert($0).inserted }
        let technicalCount = words.count
        var random = SeededGenerator(seed: 0x5EED_0F_7E_C7)
        while words.count < technicalCount + Self.madeUpCount {
            let word = Self.madeUpWord(&random)
            if word.count >= 3, seen.insert(word).inserted { words.append(word) }
        }
        contentWords = words
        // Zipf–Mandelbrot: weight 1 / (rank + q). The shift keeps the first content words near the half-percent of
        // all words that the commonest content words of English prose have.
        functionWeights = Self.runningSums(count: functionWords.count, shift: 1)
        contentWeights = Self.runningSums(count: contentWords.count, shift: 20)
    }

    /// A function word, drawn by frequency.
    func functionWord(_ random: inout SeededGenerator) -> String {
        functionWords[Self.draw(functionWeights, &random)]
    }

    /// A content word, drawn by frequency: a few are everywhere, most are rare.
    func contentWord(_ random: inout SeededGenerator) -> String {
        contentWords[Self.draw(contentWeights, &random)]
    }

    /// A content word of exactly `length` UTF-8 bytes other than `word`, if one is among the first thousand.
    func contentWord(ofLength length: Int, otherThan word: String) -> String? {
        contentWords.prefix(1_000).first { $0.utf8.count == length && $0 != word }
    }

    private static func runningSums(count: Int, shift: Double) -> [Double] {
        var total = 0.0
        return (0..<count).map { rank in
            total += 1 / (Double(rank) + shift)
            return total
        }
    }

    private static func draw(_ sums: [Double], _ random: inout SeededGenerator) -> Int {
        let target = random.unit() * (sums.last ?? 0)
        var low = 0
        var high = sums.count - 1
        while low < high {
            let middle = (low + high) / 2
            if sums[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// One to three syllables: pronounceable, about as long as English words, and unlike any of them often enough.
    private static func madeUpWord(_ random: inout SeededGenerator) -> String {
        let draw = random.int(in: 0...99)
        let syllables = draw < 25 ? 1 : draw < 80 ? 2 : 3
        var word = ""
        for index in 0..<syllables {
            word += random.pick(onsets) + random.pick(vowels)
            if index == syllables - 1 ? syllables == 1 || random.chance(60) : random.chance(15) { word += random.pick(codas) }
        }
        return word
    }

    private static let onsets = [
        "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "pr", "r",
        "s", "sh", "sk", "sl", "sp", "st", "t", "th", "tr", "v", "w", "z", "b", "d", "l", "m", "n", "r", "s", "t",
    ]
    private static let vowels = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ea", "ou", "y"]
    private static let codas = ["n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng", "x", "rt", "sk"]

    private static let function = [
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "be", "on", "not", "this", "by",
        "are", "or", "from", "at", "which", "an", "can", "but", "have", "has", "we", "when", "if", "will", "would", "all",
        "there", "their", "they", "one", "more", "so", "each", "only", "other", "also", "than", "into", "some", "these",
        "its", "should", "may", "could", "must", "does", "do", "been", "was", "were", "how", "what", "where", "because",
        "then", "such", "most", "any", "no", "both", "after", "before", "while", "about", "between", "through", "over",
        "under", "again", "without", "within", "those", "them", "our", "us", "you", "your", "very", "just", "still",
        "even", "much", "many", "same", "every", "either", "neither", "whether", "though", "once", "here", "now",
        "whose", "who", "why", "until", "during", "against", "among", "upon",
    ]

    /// The first ones are the commonest: `latency`, the benchmark's common word, is in nearly every document.
    private static let technical = [
        "latency", "request", "service", "cluster", "error", "database", "connection", "timeout", "replica", "cache",
        "query", "config", "deploy", "traffic", "server", "client", "memory", "thread", "queue", "message", "retry",
        "failover", "primary", "region", "network", "storage", "index", "schema", "migration", "version", "release",
        "feature", "proposal", "compiler", "module", "trait", "type", "function", "closure", "lifetime", "borrow",
        "macro", "syntax", "semantics", "runtime", "allocator", "buffer", "pointer", "reference", "struct", "enum",
        "variant", "pattern", "generic", "parameter", "argument", "return", "value", "field", "method", "interface",
        "implementation", "library", "crate", "package", "dependency", "build", "target", "platform", "toolchain",
        "linker", "binary", "artifact", "pipeline", "rollout", "rollback", "canary", "alert", "dashboard", "metric",
        "incident", "outage", "mitigation", "postmortem", "oncall", "pager", "escalation", "customer", "checkout",
        "payment", "ledger", "invoice", "account", "session", "token", "certificate", "handshake", "protocol", "socket",
        "packet", "router", "gateway", "proxy", "balancer", "upstream", "downstream", "endpoint", "payload", "header",
        "response", "status", "throughput", "bandwidth", "capacity", "quota", "limit", "throttle", "backoff", "jitter",
        "deadline", "budget", "saturation", "utilization", "heap", "stack", "garbage", "collector", "pause", "leak",
        "descriptor", "file", "disk", "volume", "snapshot", "backup", "restore", "journal", "commit", "transaction",
        "lock", "mutex", "semaphore", "atomic", "ordering", "barrier", "concurrency", "parallelism", "scheduler",
        "executor", "future", "stream", "iterator", "channel", "actor", "worker", "batch", "job", "cron", "trigger",
        "webhook", "event", "topic", "partition", "offset", "consumer", "producer", "broker", "shard", "rebalance",
        "consensus", "quorum", "leader", "follower", "election", "heartbeat", "lease", "clock", "drift", "skew",
        "timestamp", "serialization", "encoding", "decoder", "parser", "lexer", "grammar", "token", "expression",
        "statement", "block", "scope", "binding", "inference", "coercion", "conversion", "overflow", "underflow",
        "panic", "unwind", "abort", "assertion", "invariant", "precondition", "guarantee", "soundness", "safety",
        "unsafe", "undefined", "behavior", "specification", "stabilization", "nightly", "stable", "edition",
        "deprecation", "warning", "lint", "diagnostic", "suggestion", "ergonomics", "boilerplate", "annotation",
        "attribute", "derive", "visibility", "privacy", "namespace", "path", "import", "export", "prelude", "registry",
        "mirror", "checksum", "signature", "verification", "authentication", "authorization", "permission", "role",
        "policy", "audit", "compliance", "retention", "encryption", "rotation", "secret", "vault", "credential",
        "hostname", "resolver", "record", "zone", "propagation", "expiry", "renewal", "kernel", "container", "pod",
        "node", "scheduler", "autoscaler", "replicaset", "daemon", "sidecar", "mesh", "ingress", "egress", "firewall",
        "subnet", "peering", "tunnel", "routing", "prefix", "announcement", "cdn", "origin", "edge", "purge",
        "invalidation", "warmup", "eviction", "hitrate", "compaction", "vacuum", "fragmentation", "tombstone",
        "watermark", "checkpoint", "recovery", "replay", "idempotency", "deduplication", "ordering", "sequence",
        "cursor", "pagination", "filter", "projection", "aggregation", "join", "planner", "optimizer", "statistics",
        "histogram", "percentile", "sample", "trace", "span", "log", "sink", "exporter", "collector", "agent",
        "probe", "readiness", "liveness", "healthcheck", "degradation", "fallback", "circuit", "breaker", "bulkhead",
        "isolation", "blast", "radius", "redundancy", "availability", "durability", "consistency", "staleness",
        "freshness", "backpressure", "admission", "shedding", "priority", "fairness", "starvation", "deadlock",
        "livelock", "contention", "regression", "benchmark", "profile", "flamegraph", "allocation", "copy", "clone",
        "drop", "destructor", "constructor", "initializer", "default", "option", "result", "error", "variant",
    ]
}
