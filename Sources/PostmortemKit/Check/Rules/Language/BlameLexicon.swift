/// The words the blameless-language rule reads sentences with: who can be an actor, which verbs and
/// nouns say that someone failed, and the function words that shape a clause.
///
/// The lists are deliberately about roles and kinds of words, not about whole phrases: "ignored"
/// is a failure whatever follows it, and the clause decides whether a person did it.
enum BlameLexicon {
    // MARK: - Actors

    /// Pronouns and indefinite words that name a person as a subject.
    static let personPronouns: Set<String> = [
        "i", "we", "you", "he", "she", "they", "someone", "somebody", "everyone", "everybody", "anyone", "anybody",
        "nobody", "no-one", "noone", "whoever", "who", "y'all",
    ]

    /// Pronouns that make the clause's subject nobody ("nobody noticed").
    static let negativePersons: Set<String> = ["nobody", "no-one", "noone"]

    /// Possessive pronouns of people, for blame nouns ("his mistake", "our fault").
    static let personPossessives: Set<String> = ["my", "our", "your", "his", "her", "their"]

    /// Nouns for people, the roles they hold and the teams they form, singular and plural.
    static let personNouns: Set<String> = {
        let singular = [
            "engineer", "operator", "on-call", "oncall", "on-caller", "oncaller", "sre", "dba", "admin", "administrator",
            "sysadmin", "developer", "dev", "programmer", "coder", "intern", "hire", "newcomer", "newbie", "junior",
            "reviewer", "approver", "author", "committer", "contributor", "contractor", "consultant", "freelancer",
            "person", "human", "individual", "employee", "colleague", "coworker", "co-worker", "teammate", "member",
            "lead", "manager", "director", "vp", "cto", "ceo", "cio", "ciso", "executive", "exec", "commander", "ic",
            "responder", "first-responder", "technician", "tech", "analyst", "specialist", "architect", "tester", "qa",
            "staffer", "agent", "rep", "representative", "team", "squad", "crew", "department", "ops", "devops",
            "secops", "netops", "sysops", "dbre", "sde", "swe", "pm", "owner", "maintainer", "guy", "gal", "folk",
            "expert", "specialist", "trainee", "apprentice", "student", "volunteer", "rotation", "shift", "pair",
            "supervisor", "boss", "head", "chief", "officer", "partner", "customer-success", "csm", "helpdesk", "liaison",
            "captain", "marshal", "steward", "coordinator", "frontline", "firefighter", "hero", "scribe", "shadow",
            "vendor", "provider", "supplier", "marketing", "finance", "legal", "sales", "procurement", "facilities",
            "colleague", "bloke", "dude", "mate", "staffs",
            "support", "staff", "management", "leadership", "engineering", "personnel", "workforce", "someone",
        ]
        var words = Set(singular)
        for word in singular
        where ![
            "staff", "management", "leadership", "engineering", "personnel", "workforce",
            "support", "qa", "ops", "devops", "secops", "netops", "sysops", "someone", "folk",
        ].contains(word) {
            words.insert(word + "s")
        }
        words.formUnion(["people", "folks", "humans", "staffers", "men", "women", "everyone", "oncalls"])
        return words
    }()

    /// Person nouns that are also ordinary technical words, so they name a person only as the head of
    /// a subject ("the lead", "support"), never as a modifier ("lead time", "support ticket").
    static let weakPersonNouns: Set<String> = [
        "lead", "leads", "head", "heads", "support", "shift", "shifts", "pair", "pairs", "rotation", "rotations",
        "owner", "owners", "agent", "agents", "member", "members", "tech", "techs", "pm", "pms", "rep", "reps",
        "partner", "partners", "chief", "officer", "officers", "ic", "exec", "execs", "head",
    ]

    /// Systems and products whose names are also people's names or ordinary words, and common
    /// software written with a capital: never a person.
    static let systemNames: Set<String> = [
        "jenkins", "kafka", "hudson", "travis", "bamboo", "jarvis", "alfred", "ansible", "chef", "puppet", "salt",
        "saltstack", "terraform", "consul", "vault", "nomad", "envoy", "istio", "linkerd", "kubernetes", "k8s",
        "docker", "redis", "postgres", "postgresql", "mysql", "mariadb", "cassandra", "mongo", "mongodb", "elastic",
        "elasticsearch", "kibana", "grafana", "prometheus", "alertmanager", "nagios", "zabbix", "sentry", "datadog",
        "pagerduty", "opsgenie", "splunk", "jira", "confluence", "slack", "github", "gitlab", "bitbucket", "argo",
        "argocd", "flux", "spinnaker", "harness", "heroku", "netlify", "vercel", "cloudflare", "fastly", "akamai",
        "nginx", "haproxy", "apache", "tomcat", "jetty", "airflow", "celery", "sidekiq", "resque", "rabbitmq",
        "zookeeper", "etcd", "hadoop", "spark", "flink", "hive", "presto", "trino", "snowflake", "bigquery",
        "redshift", "aurora", "dynamo", "dynamodb", "lambda", "cloudwatch", "stackdriver", "azure", "aws", "gcp",
        "s3", "ec2", "rds", "route53", "bgp", "dns", "cron", "systemd", "linux", "windows", "ubuntu", "debian",
        "chrome", "firefox", "safari", "android", "ios", "xcode", "git", "npm", "pip", "maven", "gradle", "bazel",
        "webpack", "babel", "node", "deno", "rails", "django", "flask", "spring", "sinatra", "phoenix", "ruby",
        "python", "java", "kotlin", "swift", "rust", "go", "golang", "perl", "php", "erlang", "elixir", "scala",
        "clojure", "haskell", "oracle", "sybase", "memcached", "varnish", "squid", "traefik", "caddy", "vitess",
        "cockroach", "cockroachdb", "tidb", "clickhouse", "influx", "influxdb", "loki", "tempo", "jaeger", "zipkin",
        "kinesis", "pubsub", "sqs", "sns", "okta", "auth0", "keycloak", "ldap", "bob", "robo", "hal", "marvin",
        "dependabot", "renovate", "copilot", "siri", "alexa", "cortana", "watson", "clippy", "hubot", "ada",
        "atlantis", "helm", "kustomize", "pulumi", "packer", "vagrant", "openstack", "ceph", "gluster", "minio",
        "ipfs", "tor", "bamboohr", "workday", "zendesk", "intercom", "stripe", "twilio", "sendgrid", "mailgun",
        "segment", "mixpanel", "amplitude", "looker", "tableau", "metabase", "superset", "dagster", "prefect",
        "temporal", "cadence", "conductor", "kong", "apigee", "tyk", "calico", "cilium", "flannel", "weave", "coredns",
        "kube-proxy", "kubelet", "karpenter", "keda", "knative", "tekton", "drone", "buildkite", "circleci", "teamcity",
        "octopus", "rundeck", "stackstorm", "saltmaster", "opsworks", "beanstalk", "fargate", "ecs", "eks", "gke", "aks",
    ]

    /// Given names from many languages, for names the document does not declare itself. Names that
    /// are also common English words ("Will", "May", "Mark", "Grace") are left out: a capitalised
    /// word at the start of a sentence is not enough to call it a person.
    static let givenNames: Set<String> = [
        // English and European
        "aaron", "adam", "adrian", "alan", "albert", "alex", "alexander", "alexandra", "alice", "alicia", "alison",
        "amanda", "amelia", "amy", "andrea", "andrew", "andy", "angela", "anna", "anne", "annie", "anthony", "antonio",
        "arthur", "ashley", "barbara", "ben", "benjamin", "beth", "brian", "brenda", "bruce", "caleb", "carl", "carla",
        "carlos", "carol", "caroline", "catherine", "charles", "charlie", "charlotte", "chloe", "chris", "christian",
        "christina", "christine", "christopher", "claire", "clara", "colin", "craig", "dan", "dana", "daniel",
        "daniela", "danielle", "dave", "david", "debbie", "deborah", "dennis", "derek", "diana", "diego", "dmitri",
        "dmitry", "dominic", "donna", "doug", "douglas", "dylan", "ed", "eddie", "edward", "elena", "eli", "elias",
        "elijah", "elizabeth", "ella", "ellen", "emily", "emma", "eric", "erik", "erin", "ethan", "eva", "evan",
        "felix", "fiona", "frank", "fred", "gabriel", "gareth", "gary", "george", "gerald", "gina", "greg",
        "gregory", "hannah", "harry", "heather", "helen", "henry", "hugo", "ian", "igor", "ingrid", "isaac",
        "isabel", "isabella", "ivan", "jacob", "jake", "james", "jamie", "jane", "janet", "jared", "jason", "jeff",
        "jeffrey", "jen", "jenna", "jennifer", "jenny", "jeremy", "jessica", "jill", "jim", "jimmy", "joan", "joe",
        "joel", "johan", "john", "johnny", "jon", "jonas", "jonathan", "jordan", "jose", "joseph", "josh", "joshua",
        "juan", "julia", "julian", "julie", "justin", "karen", "karl", "kate", "katie", "kathryn", "keith", "kelly",
        "ken", "kevin", "kim", "kyle", "lars", "laura", "lauren", "lee", "leo", "leon", "liam", "linda", "lisa",
        "logan", "lorenzo", "louis", "lucas", "lucy", "luis", "luke", "magnus", "marco", "marcus", "margaret",
        "maria", "marie", "marina", "mario", "martin", "mary", "mateo", "matt", "matteo", "matthew", "megan",
        "melissa", "michael", "michelle", "miguel", "mike", "mikhail", "monica", "nadia", "nancy", "natalie",
        "nathan", "neil", "nick", "nicholas", "nicole", "niklas", "nils", "noah", "oliver", "olivia", "olga", "omar",
        "oscar", "owen", "pablo", "paul", "paula", "pedro", "peter", "phil", "philip", "rachel", "ralph", "raphael",
        "rebecca", "richard", "rick", "robert", "roberto", "robin", "roger", "ron", "ronald", "ryan", "sam",
        "samantha", "samuel", "sandra", "sara", "sarah", "scott", "sean", "sebastian", "sergei", "sergey", "shannon",
        "sharon", "simon", "sofia", "sophia", "sophie", "stefan", "stephanie", "stephen", "steve", "steven", "susan",
        "sven", "tanya", "teresa", "thomas", "tim", "timothy", "tina", "tobias", "todd", "tom", "tommy", "tony",
        "tyler", "valentina", "vanessa", "victor", "victoria", "vincent", "walter", "wendy", "william", "zoe", "zoë",
        "zach", "zachary", "ana", "ines", "inês", "joão", "françois", "jürgen", "björn", "søren", "zoltan", "piotr",
        "katarzyna", "agnieszka", "tomasz", "pavel", "petr", "jana", "lukas", "lukáš", "milan", "nikola", "dragan",
        "goran", "mehmet", "ayşe", "emre", "elif", "can", "yusuf", "ali", "hassan", "hussein", "fatima", "aisha",
        "amina", "ahmed", "mohamed", "mohammed", "muhammad", "khalid", "layla", "leila", "mariam", "nour", "omar",
        "rania", "salma", "tariq", "youssef", "zainab", "karim", "samir", "rami", "dalia", "yasmin", "farah",
        // South and East Asian
        "aarav", "aditi", "aditya", "akash", "amit", "anil", "anita", "anjali", "arjun", "deepa", "deepak", "divya",
        "ganesh", "gita", "harish", "kavya", "krishna", "kumar", "lakshmi", "manish", "meera", "neha", "nikhil",
        "pooja", "pradeep", "priya", "rahul", "raj", "rajesh", "ravi", "rohan", "sanjay", "shreya", "sunil", "suresh",
        "vikram", "vijay", "ananya", "ishaan", "siddharth", "tanvi", "varun", "aiko", "akira", "haruto", "hiroshi",
        "kenji", "kenta", "mei", "naoko", "rin", "sakura", "satoshi", "takeshi", "yuki", "yuko", "yumi", "daichi",
        "wei", "li", "chen", "jun", "ming", "xiao", "ling", "hui", "yan", "lin", "jie", "tao", "bo", "xin", "yi",
        "min-jun", "seo-yeon", "ji-woo", "ji-hoon", "hyun", "soo", "jae", "minh", "linh", "thanh", "huong", "anh",
        "nguyen", "siti", "putri", "budi", "dewi", "rizal", "jose", "maricel", "arnel",
        // African and Latin American
        "kwame", "kofi", "ama", "abena", "chidi", "chinedu", "ngozi", "emeka", "oluwaseun", "tunde", "ade", "femi",
        "amara", "zuri", "thabo", "sipho", "lerato", "naledi", "wanjiru", "kamau", "achieng", "baraka", "imani",
        "abebe", "tigist", "selam", "yohannes", "moussa", "aminata", "fatou", "mamadou", "ousmane", "awa",
        "alejandro", "andres", "andrés", "camila", "catalina", "fernando", "gabriela", "javier", "jorge", "lucia",
        "lucía", "manuel", "mariana", "martina", "natalia", "pilar", "rafael", "ricardo", "santiago", "sofía",
        "valeria", "ximena", "joaquín", "joaquin", "thiago", "beatriz", "rodrigo", "leticia", "renata",
        // More, across languages
        "patricia", "giulia", "giorgos", "giorgio", "giovanni", "francesca", "alessandro", "chiara", "federico",
        "naveen", "valentina", "dmitri", "chinedu", "joon-ho", "adebayo", "shanice", "mateus", "sipho", "marek",
        "farid", "pierre", "camille", "imran", "kamal", "emre", "aleksandr", "anastasia", "natasha", "yuri", "boris",
        "svetlana", "katya", "oksana", "andrii", "taras", "bogdan", "radu", "ioana", "andrei", "mihai", "elena",
        "nikos", "eleni", "kostas", "dimitris", "maria", "jakub", "zofia", "wojciech", "krzysztof", "magdalena",
        "bartosz", "ondřej", "tereza", "vojtěch", "pieter", "sanne", "femke", "daan", "bram", "lieke", "joris",
        "thijs", "annelies", "koen", "wouter", "fleur", "maarten", "anouk", "jens", "mette", "freja", "astrid",
        "henrik", "kari", "ola", "sigrid", "eirik", "mikael", "anders", "karin", "annika", "linnea", "elsa", "oskar",
        "aino", "eero", "mikko", "juha", "leena", "timo", "antti", "hanna", "siobhan", "niamh", "aoife", "ciaran",
        "declan", "eoin", "cormac", "seamus", "rhys", "gethin", "cerys", "dafydd", "angus", "callum", "fraser",
        "hamish", "isla", "morag", "ewan", "catriona", "saoirse", "ruairi", "tadhg", "oisin", "jamal", "malik",
        "tyrone", "deshawn", "latoya", "keisha", "imani", "darnell", "andre", "marquis", "jasmine", "tamika", "ebony",
        "xavier", "dominique", "rené", "rene", "thierry", "benoît", "benoit", "mathieu", "guillaume", "julien",
        "aurélie", "aurelie", "céline", "celine", "élodie", "elodie", "sébastien", "sebastien", "nicolas", "antoine",
        "margaux", "maxime", "baptiste", "léa", "lea", "manon", "chloé", "clément", "clement", "yannick", "gaëlle",
        "klaus", "dieter", "uwe", "heike", "sabine", "katrin", "matthias", "florian", "tobias", "lena", "leonie",
        "jonas", "finn", "moritz", "lukas", "maximilian", "wolfgang", "helmut", "gunther", "birgit", "ute", "jörg",
        "joerg", "kai", "nele", "mia", "emilia", "hiroko", "kazuki", "ryota", "sota", "yuto", "haruka", "misaki",
        "takumi", "shota", "tomoko", "yoshiko", "kaori", "masato", "tatsuya", "daisuke", "kenichi", "ichiro",
        "jiho", "minji", "seojun", "hyejin", "sunghoon", "jiyeon", "dongmin", "eunji", "wen", "xiaoming", "zhang",
        "wang", "liu", "huang", "zhao", "zhou", "wu", "xu", "zhu", "hu", "guo", "luo",
        "hui", "qing", "fang", "lei", "jing", "yu", "hao", "kai", "rui", "zihan", "haoran", "yichen", "mingyu",
        "duc", "tuan", "hoa", "trang", "quang", "phuong", "somchai", "niran", "kanya", "arthit",
        "ramesh", "sunita", "kavita", "prakash", "venkat", "lakshman", "srinivas", "karthik", "vivek", "sandeep",
        "abhishek", "akshay", "ankit", "ashish", "gaurav", "harsh", "kunal", "mohit", "nitin", "pankaj", "rakesh",
        "sachin", "saurabh", "shubham", "sumit", "tarun", "vishal", "yash", "aishwarya", "bhavna", "chitra",
        "deepika", "geeta", "isha", "jaya", "kiran", "madhuri", "nandini", "padma", "radha", "rekha", "sapna",
        "shweta", "swati", "uma", "usha", "vandana", "zara", "ayesha", "bilal", "faisal", "hamza", "iqbal", "junaid",
        "kashif", "nadeem", "rashid", "saad", "shahid", "usman", "waqar", "zubair", "mustafa", "ibrahim", "ismail",
        "abdullah", "abdul", "amir", "reza", "dariush", "shirin", "parisa", "nasrin", "arash", "babak", "kaveh",
        "mehdi", "navid", "payam", "roya", "sara", "yael", "noa", "itai", "eitan", "avi", "moshe", "tamar", "shira",
        "oren", "gal", "lior", "ronit", "dov", "efrat", "olumide", "chiamaka", "obinna", "uche", "ifeoma", "nkechi",
        "segun", "bisi", "kemi", "yemi", "tolu", "funmi", "kwabena", "yaw", "akua", "efua", "esi", "kojo", "kwaku",
        "adjoa", "wanjiku", "njeri", "otieno", "mwangi", "akinyi", "jabari", "neema", "juma", "zawadi", "tendai",
        "tatenda", "farai", "rudo", "chipo", "lindiwe", "thandiwe", "bongani", "mandla", "zanele", "nomvula",
        "mbali", "themba", "ayodele", "babajide", "bolaji", "dapo", "gbenga", "kayode", "lanre", "seun", "wale",
        "hui-min", "joon", "tomás", "tomas", "rafa", "nuno", "gonçalo", "goncalo", "duarte", "rui", "tiago",
        "joana", "marta", "catarina", "inês", "sofia", "lúcia", "paulo", "sérgio", "sergio", "vítor", "vitor",
    ]

    /// Organisations rather than people: blame when they are judged or fail a duty loudly, but what
    /// their products do ("the vendor's firmware introduced a regression") is not a person's act.
    static let organisationNouns: Set<String> = [
        "vendor", "vendors", "provider", "providers", "supplier", "suppliers", "marketing", "finance", "legal", "sales",
        "procurement", "facilities", "partner", "partners",
    ]

    /// Common nouns that open sentences in postmortems, which a capital does not make a name.
    static let commonSubjects: Set<String> = [
        "traffic", "latency", "load", "storage", "memory", "disk", "network", "monitoring", "alerting", "logging",
        "replication", "failover", "recovery", "cpu", "dns", "impact", "root", "cause", "summary", "timeline",
        "customers", "users", "nobody", "everyone", "someone", "production", "staging", "prod", "checkout", "search",
        "billing", "payments", "auth", "login", "email", "mail", "backup", "backups", "rollback", "rollout", "deploy",
        "deploys", "the", "this", "that", "our", "we", "it", "they", "lesson", "luckily", "unfortunately", "frankly",
        "honestly", "naturally", "apparently", "initially", "eventually", "afterwards", "meanwhile", "later", "then",
        "yes", "no", "ok", "okay", "note", "update", "edit", "action", "owner", "due", "status", "severity", "culprit",
        "blame", "fault", "surprise", "thanks", "kudos", "great", "brilliant", "nice", "love", "real", "truly",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "utc", "gmt", "pst",
        "est", "cet", "bst", "eu", "us", "uk", "emea", "apac",
    ]

    /// Irregular past tenses, so a clause's verb is found where no -ed shows it ("the lead went rogue").
    static let irregularPasts: Set<String> = [
        "went", "ran", "took", "made", "gave", "sent", "wrote", "left", "put", "set", "told", "said", "came", "saw",
        "knew", "brought", "bought", "thought", "found", "kept", "let", "lost", "began", "broke", "chose", "drove",
        "fell", "felt", "forgot", "held", "hit", "led", "meant", "met", "paid", "read", "rose", "shut", "sat", "spent",
        "stood", "struck", "threw", "understood", "won", "overrode", "overwrote", "built", "caught", "dealt", "drew",
        "hid", "hung", "laid", "lit", "shook", "shot", "slept", "spoke", "split", "spread", "stole", "stuck", "swept",
        "taught", "tore", "woke", "withdrew", "got", "did", "had", "was", "were", "is", "are", "has", "does",
    ]

    // MARK: - Function words

    static let determiners: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "its", "each", "every", "any", "some", "another", "no",
        "our", "their", "his", "her", "my", "your", "both", "all", "either", "neither",
    ]

    /// Words that start a noun phrase counting people ("one of the engineers").
    static let quantifiers: Set<String> = [
        "one", "some", "all", "none", "each", "both", "several", "many", "most", "few", "half", "any", "either",
        "neither", "two", "three", "four", "five", "members", "member", "majority", "rest",
    ]

    static let prepositions: Set<String> = [
        "of", "on", "in", "at", "from", "with", "for", "during", "after", "before", "since", "until", "into", "onto",
        "over", "under", "about", "across", "against", "among", "around", "behind", "between", "beyond", "by",
        "despite", "inside", "near", "off", "outside", "per", "through", "throughout", "to", "toward", "towards",
        "upon", "via", "within", "without", "amid", "like", "following", "regarding",
    ]

    /// Words that start a clause, after which a new subject comes.
    static let clauseWords: Set<String> = [
        "and", "but", "or", "nor", "yet", "so", "then", "because", "when", "whenever", "while", "whilst", "although",
        "though", "if", "unless", "once", "where", "whereas", "since", "until", "as", "after", "before", "which",
        "that", "who", "whom", "whose", "therefore", "thus", "hence", "however", "meanwhile", "otherwise",
    ]

    /// Conjunctions after which a clause with no subject of its own shares the one before.
    static let coordinators: Set<String> = ["and", "but", "or", "nor", "yet", "then", "so"]

    /// Words that make a clause conditional or a purpose, where a failure is only possible.
    static let conditionals: Set<String> = [
        "if", "unless", "whenever", "lest", "prevent", "prevents", "preventing", "avoid", "avoids", "avoiding",
        "stop", "stops", "ensure", "ensures", "guard", "protect", "protects", "case",
    ]

    static let modals: Set<String> = [
        "should", "could", "would", "might", "must", "ought", "may", "can", "will", "shall", "shouldn't", "couldn't",
        "wouldn't", "mustn't", "can't", "cannot", "won't", "should've", "could've", "would've", "might've",
        "must've",
    ]

    /// Forms of be, have and do that build a verb group.
    static let auxiliaries: Set<String> = [
        "be", "is", "are", "was", "were", "been", "being", "am", "get", "gets", "got", "gotten", "getting", "have",
        "has", "had", "having", "do", "does", "did", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't",
        "hadn't", "don't", "doesn't", "didn't", "it's", "he's", "she's", "we're", "they're", "we've", "they've",
        "i've", "we'd", "they'd", "he'd", "she'd", "i'd", "i'm", "you've", "you're",
    ]

    /// Forms of be and get that make a participle passive.
    static let passiveAuxiliaries: Set<String> = [
        "be", "is", "are", "was", "were", "been", "being", "am", "get", "gets", "got", "gotten", "getting", "isn't",
        "aren't", "wasn't", "weren't", "it's",
    ]

    static let negations: Set<String> = [
        "not", "never", "no", "nobody", "none", "neither", "nor", "nothing", "no-one", "noone", "without", "hardly",
        "barely", "cannot",
    ]

    /// Adverbs a verb group or a subject may carry between its words ("we then initially failed to").
    static let adverbs: Set<String> = [
        "also", "then", "still", "again", "just", "once", "twice", "already", "ever", "even", "only", "always",
        "often", "sometimes", "simply", "initially", "later", "subsequently", "apparently", "reportedly", "again",
        "too", "all", "both", "each", "first", "soon", "so", "very", "somehow", "really", "probably", "perhaps",
        "seemingly", "evidently", "unfortunately", "therefore", "thus", "ultimately", "eventually", "repeatedly",
        "consistently", "routinely", "regularly", "frequently", "immediately", "quickly", "promptly", "clearly",
        "obviously", "yet", "actually", "basically", "entirely", "completely", "totally", "partly", "partially",
        "now", "recently", "previously", "finally", "since", "once", "personally", "himself", "herself", "themselves",
    ]

    /// Whether `key` reads as an adverb: listed, or ending in -ly.
    static func isAdverb(_ key: String) -> Bool {
        adverbs.contains(key) || (key.count > 4 && key.hasSuffix("ly") && !notAdverbs.contains(key))
    }

    /// Words ending in -ly that are not adverbs.
    static let notAdverbs: Set<String> = [
        "supply", "apply", "reply", "rely", "family", "assembly", "anomaly", "italy", "daily", "weekly", "monthly",
        "hourly", "yearly", "early", "only", "friendly", "likely", "unlikely", "costly", "timely", "orderly", "ugly",
        "holy", "july", "lily", "sally", "billy", "emily", "kelly", "molly", "polly", "holly", "shelly", "wholly",
        "multiply", "ally", "rally", "belly", "jelly", "bully", "fly", "butterfly", "firefly", "poly", "reply",
    ]

    /// Words after a verb that end its object: where the object of "ignored the disk-space alert" stops.
    static func endsObject(_ key: String) -> Bool {
        prepositions.contains(key) || clauseWords.contains(key) || key == "to"
    }

    // MARK: - What is said about an actor

    /// The object nouns of alerting: "ignored the disk-space alert", "missed the page".
    static let alertNouns: Set<String> = [
        "alert", "alerts", "alarm", "alarms", "warning", "warnings", "page", "pages", "notification", "notifications",
        "signal", "signals", "message", "messages", "email", "emails", "ticket", "tickets", "escalation",
        "escalations", "reminder", "reminders", "advice", "feedback", "recommendation", "recommendations", "request",
        "requests", "call", "calls", "ping", "pings", "prompt", "prompts", "sign", "signs", "symptom", "symptoms",
        "red", "flag", "flags", "indicator", "indicators", "report", "reports", "complaint", "complaints", "guidance",
        "runbook", "runbooks", "playbook", "playbooks", "procedure", "procedures", "process", "processes",
        "checklist", "checklists", "policy", "policies", "instructions", "instruction", "step", "steps", "protocol",
        "rules", "rule", "review", "reviews", "approval", "approvals", "dashboard", "dashboards", "graph", "graphs",
    ]

    /// Objects that make "missed" an outcome rather than an omission ("we missed our SLO").
    static let missedOutcomes: Set<String> = [
        "slo", "slos", "sla", "slas", "target", "targets", "deadline", "deadlines", "window", "goal", "goals",
        "objective", "objectives", "budget", "budgets", "mark", "commitment", "commitments", "estimate", "estimates",
        "date", "milestone", "milestones", "heartbeat", "heartbeats", "cutoff", "cut-off", "train", "boat",
    ]

    /// Nouns of process whose omission is a person's ("didn't follow the change process").
    static let procedureNouns: Set<String> = [
        "runbook", "runbooks", "playbook", "playbooks", "procedure", "procedures", "process", "processes",
        "checklist", "checklists", "policy", "policies", "instructions", "protocol", "protocols", "guidelines",
        "guideline", "rules", "rule", "steps", "step", "plan", "documentation", "docs", "guide", "sop", "sops",
    ]

    /// Error-like nouns that make "user error" a metric or a response, not a verdict.
    static let technicalErrorFollowers: Set<String> = [
        "rate", "rates", "count", "counts", "code", "codes", "response", "responses", "message", "messages", "page",
        "pages", "log", "logs", "budget", "class", "classes", "type", "types", "handling", "handler", "metric",
        "metrics", "path", "paths", "spike", "spikes", "ratio", "volume", "dashboard", "alert", "alerts",
    ]
}
