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
printf '\nThe demo repository is in %s: try "%s -C %s list --json".\n' "$demo" "$PM" "$demo"
