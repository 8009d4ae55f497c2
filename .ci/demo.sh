#!/bin/sh
# `make demo`: walks a fresh demo repository through init → new → edit → list → show → status → log → search,
# printing each command and what pm answers, as a user would see it.
set -eu
PM=${PM:-pm}
# The hooks pm installs call `pm` from PATH, as they will on a user's machine.
PATH="$(cd "$(dirname "$PM")" && pwd):$PATH"
export PATH
demo=${DEMO_DIR:-$(pwd)/.build/demo}
rm -rf "$demo"
mkdir -p "$demo"
cd "$demo"

# Prints a command the way a user would type it (quoting arguments with spaces), then runs it.
step() {
    shown=""
    for argument in "$@"; do
        [ "$argument" = "$PM" ] && argument=pm
        case "$argument" in
        *'"'*) shown="$shown '$argument'" ;;
        *" "* | *"%"*) shown="$shown \"$argument\"" ;;
        *) shown="$shown $argument" ;;
        esac
    done
    printf '\n\033[1m$%s\033[0m\n' "$shown"
    "$@"
}

git init -q -b main
git config user.name >/dev/null 2>&1 || git config user.name "Dana Reyes"
git config user.email >/dev/null 2>&1 || git config user.email "dana@example.com"
echo "# Payments platform" > README.md
git add README.md && git commit -q -m "Start the payments repository"
echo "Demo repository: $demo"

step "$PM" init
step "$PM" new "Checkout API returned 500s" --date 2026-11-20 --severity SEV2 \
    --service checkout-api --service payments-db --tag database --tag failover --no-edit
file=postmortems/2026-11-20-checkout-api-returned-500s.md

# The on-call engineer writes the draft (here: a prepared text), then commits it with `pm edit`.
cat > "$file" <<'DOC'
---
title: "Checkout API returned 500s to 12% of requests"
date: 2026-11-20
severity: SEV2
status: draft
services: [checkout-api, payments-db]
tags: [database, failover]
authors: [dana, lee]
started: 2026-11-20T14:02:00Z
detected: 2026-11-20T14:09:00Z
acknowledged: 2026-11-20T14:11:00Z
mitigated: 2026-11-20T15:05:00Z
resolved: 2026-11-20T15:31:00Z
visibility: public
---

## Summary
For 89 minutes, 12% of checkout requests failed with HTTP 500 after a database failover left the
connection pool pointing at the old primary.

## Impact
About 4,100 customers could not complete a purchase; no payment was charged twice.

## Timeline
- 14:02 The payments-db primary fails over to the replica in zone b.
- 14:09 Alert: checkout error rate above 5%.
- 14:11 The on-call engineer acknowledges the page.
- 14:40 The pool is found to still hold connections to the old primary.
- 15:05 Checkout pods restarted; error rate back under 0.1%.
- 15:31 Replication healthy again; incident resolved.

## Root cause
The connection pool caches resolved addresses for its whole lifetime, so after the failover it kept
sending writes to a read-only node. Nothing in the failover runbook refreshed the pool.

## What went well
- The alert fired within seven minutes.

## What did not go well
- The dashboard showed the pool as healthy because it counts open connections, not successful queries.

## Action items
- [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-12-15 — ticket: OPS-142 — type: detect
- [ ] Re-resolve database addresses on failover — owner: @lee — due: 2026-12-20 — ticket: OPS-143 — type: prevent
- [x] Roll back the pool-size change — owner: @lee — due: 2026-11-21 — type: mitigate
DOC

step "$PM" edit checkout
step "$PM" list
step "$PM" show checkout --short
step "$PM" check
step "$PM" status checkout in-review

# A reviewer adds two lines. blameless-language reads who did what: a person's failure and a counterfactual about
# a person are findings that name the actor; the same verbs about a system are not.
sed -i '/^## What did not go well$/a - The on-call engineer ignored the disk-space alert; it would never have happened if Lee had followed the checklist.\
- The connection pool ignored the new timeout, and only one primary should have existed.' "$file"
step "$PM" check "$file" || true
git checkout -q HEAD -- "$file"

# Someone drops an owner from an action item and commits with git: the pre-commit hook pm installed refuses.
sed -i 's/ — owner: @dana//' "$file"
git add "$file"
step git commit -q -m "Tidy the action items" || true
git checkout -q HEAD -- "$file"

step "$PM" status checkout published
step "$PM" log checkout

# A second incident, then an edit that rewords the first one's root cause: the old words leave HEAD.
step "$PM" new "Search latency doubled after the cache flush" --date 2026-11-25 --severity SEV3 \
    --service search --tag cache --no-edit
sed -i 's/so after the failover it kept/so after the failover it went on/; s/sending writes to a read-only node/writing to the old primary/' "$file"
step "$PM" edit checkout --no-verify

step "$PM" search "connection pool"
step "$PM" search "read-only node" || true
step "$PM" search --history "read-only node"
step "$PM" search 'severity:SEV3 OR tag:failover'
step "$PM" index --stats

# Follow-through: every action item with its history, ticking one, the digest a weekly job posts, the numbers.
step "$PM" actions
step "$PM" actions done checkout#1
step "$PM" remind --format markdown --as-of 2026-12-21
step "$PM" stats --by month

# Publishing: the public summary for a status page and the feed, written beside the repository.
public="$demo-public"
rm -rf "$public"
mkdir -p "$public"
step "$PM" export checkout
step "$PM" feed -o "$public/feed.atom" --base-url https://status.example.com
step "$PM" site "$public/site"

# Beside everyday git: a 'git commit -a' waiting for its editor holds git's index, so pm waits for it and then
# refuses, changing nothing; and an edit staged but not in the working tree is never dropped.
printf '\nNotes.\n' >> README.md
GIT_EDITOR='sleep 2; echo "Update the README" >' git commit -a -q &
sleep 0.5
step env PM_LOCK_TIMEOUT=0.5 "$PM" new "While git waits for its editor" --no-edit || true
wait
sed -i 's/^## Summary$/## Summary\nA sentence staged with git add./' "$file"
git add "$file"
git restore --source=HEAD --worktree "$file"
step "$PM" status checkout in-review || true
git restore --staged "$file"
step git log --oneline

# Adopting pm in a repository that already keeps its postmortems, in its own format: pm init reports the
# collection, pm import converts it in one commit git sees as renames, and a baseline accepts today's findings.
adopt="$demo-adopt"
rm -rf "$adopt"
mkdir -p "$adopt"
cd "$adopt"
git init -q -b main
git config user.name >/dev/null 2>&1 || git config user.name "Dana Reyes"
git config user.email >/dev/null 2>&1 || git config user.email "dana@example.com"
printf '\n\033[1m# Adopting pm in an existing repository: %s\033[0m\n' "$adopt"
# A collection kept before pm: incident reports with their own front matter and no pm sections, in three shapes.
mkdir -p incidents
cat > incidents/0b6f4c2e-5d1a-4a8e-9c3b-7e2f1a9d4c61.md <<'DOC'
---
uuid: 0b6f4c2e-5d1a-4a8e-9c3b-7e2f1a9d4c61
url: https://status.example.com/incidents/kv-2025-03
title: Workers KV read failures in Europe
categories: [storage, cloud]
keywords: [kv, replication, europe]
company: Example Cloud
product: Workers KV
start_time: 2025-03-14T09:12:00Z
end_time: 2025-03-14T11:40:00Z
summary: Reads from the KV store failed for 8% of requests in three European regions after a replication change.
source_fetched_at: 2025-04-01T00:00:00Z
---

On March 14 a change to the replication topology left three European regions reading from a replica that had
stopped receiving writes. Reads of keys written after 09:12 returned stale values or errors.

The change had passed its canary because the canary region was not one of the three. Engineers rolled the
topology back at 11:05, and the replicas caught up by 11:40.

We are adding a replication-lag check to the canary and alerting on per-region read errors.
DOC
cat > incidents/9d2a7b14-3e8c-4f6a-b1d5-2c9e8f7a6b03.md <<'DOC'
---
uuid: 9d2a7b14-3e8c-4f6a-b1d5-2c9e8f7a6b03
url: https://status.example.com/incidents/dns-2024-11
title: DNS resolution timeouts for customer domains
categories: [dns]
keywords: [dns, resolver, timeouts]
company: Example Cloud
product: DNS
start_time: 2024-11-02T22:05:00Z
end_time: 2024-11-02T23:01:00Z
summary: A resolver fleet upgrade doubled query latency until queries for customer domains began to time out.
source_fetched_at: 2025-04-01T00:00:00Z
---

The upgraded resolver build sized its cache at a quarter of the old one. Under the evening peak the hit rate fell
from 96% to 71%, upstream queries doubled, and about 12% of queries for customer domains timed out.

The on-call engineer saw the latency alert at 22:19 and rolled the fleet back in batches; the last batch finished
at 23:01.
DOC
mkdir -p _posts
cat > _posts/2024-06-20-checkout-latency.md <<'DOC'
---
layout: post
title: "Checkout latency during the summer sale"
date: 2024-06-20 18:30:00 +0000
tags: [checkout, database]
categories: [postmortem]
---

**Summary:** Checkout took up to 9 seconds for 40 minutes at the start of the summer sale.

**Impact:** About 3,000 orders took longer than 5 seconds; 210 carts were abandoned.

**Root cause:** The orders table lacked an index on the new `campaign_id` column, and the sale's traffic made
every checkout scan it.

**Action items:**
- Add the index before each campaign launch (owner: @lee)
DOC
cat > incidents/cache-stampede.md <<'DOC'
# Cache stampede after the config deploy

Date: 2025-01-08

## What happened
A config deploy flushed the product cache in every region at once, and the database took the full read load.

## Root Cause
The deploy tool restarted cache nodes in parallel instead of one region at a time.

## Action Items
- [ ] Restart cache nodes one region at a time — owner: @sam — due: 2025-02-01
DOC
git add incidents _posts
git commit -q -m "Incident reports, as we kept them before pm"
step "$PM" init --directory incidents
step "$PM" import --dry-run incidents _posts
step "$PM" import incidents _posts
step "$PM" list
step "$PM" log workers-kv
step "$PM" search 'company:"Example Cloud" replica'
step "$PM" check --all || true
step "$PM" check --write-baseline
step "$PM" check --all
printf '\nWe now check replication lag in the canary.\n' >> incidents/2025-03-14-workers-kv-read-failures-in-europe.md
step git commit -q -a -m "Add a follow-up to the KV report"
step "$PM" mv dns --title "DNS timeouts after the resolver upgrade"
step "$PM" stats
cd "$demo"
printf '\nThe demo repository is in %s: try "%s -C %s list --json".\n' "$demo" "$PM" "$demo"
