#!/bin/sh
# `make test-browser`: builds a demo repository with pm, writes its site with `pm site`, opens the pages from
# file:// in headless Chromium, takes screenshots of the index, a postmortem and the stats page into
# .build/site-screenshots/, and checks the client-side search and filters in the DOM the browser ends up with.
#
# Chromium comes from Debian's packages when it is missing (apt-get install chromium, with sudo when not root).
# Usage: PM=.build/debug/pm sh Tests/Browser/site-browser-test.sh   (exits non-zero when any check fails;
# KEEP_SITE=1 keeps the demo repository and both sites and prints where they are)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PM=${PM:-$root/.build/debug/pm}
case "$PM" in /*) ;; *) PM="$root/$PM" ;; esac
[ -x "$PM" ] || { echo "error: no pm binary at $PM; run 'swift build' first or set PM" >&2; exit 2; }
# The hooks pm installs call `pm` from PATH.
PATH="$(dirname "$PM"):$PATH"
export PATH
shots=${SCREENSHOT_DIR:-$root/.build/site-screenshots}
mkdir -p "$shots"
work=$(mktemp -d "${TMPDIR:-/tmp}/pm-site-browser.XXXXXX")
# KEEP_SITE=1 keeps the demo repository and the sites, to look at them.
if [ "${KEEP_SITE:-}" = 1 ]; then
    echo "Work folder (kept): $work"
else
    trap 'rm -rf "$work"' EXIT INT TERM
fi

failures=0
pass() { printf 'ok    %s\n' "$1"; }
fail() {
    printf 'FAIL  %s\n' "$1"
    failures=$((failures + 1))
}

# --- Chromium -------------------------------------------------------------------------------------------------------
find_browser() {
    for name in chromium chromium-browser google-chrome-stable google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}
if ! browser=$(find_browser); then
    echo "Installing Chromium (Debian's chromium package)"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null; } || {
        echo "error: could not install chromium; install it with your package manager and run make test-browser again" >&2
        exit 2
    }
    browser=$(find_browser) || { echo "error: chromium is still not on PATH after installing it" >&2; exit 2; }
fi
echo "Browser: $("$browser" --version 2>/dev/null || echo "$browser")"

# Headless Chromium with what a container needs: no sandbox (root), no GPU, /tmp instead of a small /dev/shm, and a
# profile of its own so that nothing of the user's is read or changed.
run_browser() {
    "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check \
        --disable-extensions --disable-background-networking --user-data-dir="$work/profile" "$@" 2>>"$work/browser.log"
}

# --- A demo repository, written with pm -----------------------------------------------------------------------------
repo="$work/repo"
mkdir -p "$repo"
cd "$repo"
export GIT_AUTHOR_NAME="Dana Reyes" GIT_AUTHOR_EMAIL="dana@example.com"
export GIT_COMMITTER_NAME="Dana Reyes" GIT_COMMITTER_EMAIL="dana@example.com"
export GIT_CONFIG_NOSYSTEM=1 HOME="$work/home" TZ=UTC LANG=C.UTF-8 NO_COLOR=1
mkdir -p "$HOME"
git init -q -b main
echo "# Payments platform" >README.md
git add README.md && git commit -q -m "Start the payments repository"
"$PM" init >/dev/null 2>&1

# new_postmortem TITLE DATE SEVERITY SERVICE: `pm new`, then the prepared text from stdin committed with `pm edit`.
new_postmortem() {
    "$PM" new "$1" --date "$2" --severity "$3" --service "$4" --no-edit >/dev/null 2>"$work/pm.err" || {
        cat "$work/pm.err" >&2
        exit 2
    }
    id=$("$PM" list --json | python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["postmortems"] if p["date"]==sys.argv[1]][0])' "$2")
    cat >"postmortems/$id.md"
    "$PM" edit "$id" >/dev/null 2>"$work/pm.err" || {
        echo "error: pm edit $id failed:" >&2
        cat "$work/pm.err" >&2
        exit 2
    }
    echo "$id"
}

checkout=$(new_postmortem "Checkout API returned 500s" 2026-11-20 SEV2 checkout-api <<'DOC'
---
title: "Checkout API returned 500s to 12% of requests"
date: 2026-11-20
severity: SEV2
status: draft
visibility: public
services: [checkout-api, payments-db]
tags: [database, failover]
authors: [dana, lee]
started: 2026-11-20T14:02:00Z
detected: 2026-11-20T14:09:00Z
acknowledged: 2026-11-20T14:11:00Z
mitigated: 2026-11-20T15:05:00Z
resolved: 2026-11-20T15:31:00Z
---

## Summary
For 89 minutes, 12% of checkout requests failed with HTTP 500 after a database failover left the connection pool
pointing at the old primary.

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
The connection pool caches resolved addresses for its whole lifetime, so after the failover it kept sending writes
to a read-only node. Nothing in the failover runbook refreshed the pool.

## What went well
- The alert fired within seven minutes.

## What did not go well
- The dashboard showed the pool as healthy because it counts open connections, not successful queries.

## Action items
- [ ] Alert on replication lag over 30 s — owner: @dana — due: 2026-11-28 — ticket: OPS-142 — type: detect
- [ ] Re-resolve database addresses on failover — owner: @lee — due: 2026-12-20 — ticket: OPS-143 — type: prevent
- [ ] Roll back the pool-size change — owner: @lee — due: 2026-11-21 — type: mitigate
DOC
)
"$PM" actions done "$checkout#3" >/dev/null 2>>"$work/pm.log"
"$PM" status "$checkout" in-review >/dev/null 2>>"$work/pm.log"
"$PM" status "$checkout" published >/dev/null 2>>"$work/pm.log"

search=$(new_postmortem "Search latency doubled after the cache flush" 2026-11-25 SEV3 search <<'DOC'
---
title: "Search latency doubled after the cache flush"
date: 2026-11-25
severity: SEV3
status: in-review
services: [search]
tags: [cache]
authors: [lee]
started: 2026-11-25T09:30:00Z
detected: 2026-11-25T09:52:00Z
acknowledged: 2026-11-25T09:55:00Z
mitigated: 2026-11-25T11:10:00Z
resolved: 2026-11-25T12:00:00Z
---

## Summary
Median search latency went from 120 ms to 260 ms for two and a half hours after a scheduled cache flush.

## Impact
Searches were slow but every one returned; the shop's conversion rate dropped by 3% in that time.

## Timeline
- 09:30 The nightly job flushes the whole result cache instead of the stale shard.
- 09:52 The latency alert fires.
- 11:10 The cache is warm again after the hottest queries are replayed.
- 12:00 Latency is back to normal.

## Root cause
The flush job took a wildcard where it expected a shard name.

## Action items
- [ ] Make the flush job refuse a wildcard — owner: @lee — due: 2026-12-05 — ticket: SRCH-77
- [ ] Warm the cache before switching traffic — owner: @sam — due: 2027-01-15
DOC
)

dns=$(new_postmortem "Internal DNS stopped answering <script>alert(1)</script>" 2026-10-02 SEV1 dns <<'DOC'
---
title: "Internal DNS stopped answering <script>alert(1)</script>"
date: 2026-10-02
severity: SEV1
status: published
visibility: internal
services: [dns, checkout-api]
tags: [network]
authors: [sam]
started: 2026-10-02T03:10:00Z
detected: 2026-10-02T03:14:00Z
acknowledged: 2026-10-02T03:20:00Z
mitigated: 2026-10-02T04:45:00Z
resolved: 2026-10-02T06:30:00Z
---

## Summary
Both internal resolvers ran out of file descriptors and stopped answering; every service that resolved names at
request time failed.

## Impact
Checkout, search and the admin console were down for 95 minutes.

## Timeline
- 03:10 Resolver error rate climbs.
- 03:14 Paged: checkout health checks fail.
- 04:45 Resolvers restarted with a higher descriptor limit.
- 06:30 Caches repopulated; incident resolved.

## Root cause
A new sidecar opened a TCP connection per lookup and never closed them.

## Action items
- [ ] Raise the resolvers' descriptor limit — owner: @sam — due: 2026-10-03
- [ ] Cache lookups in the sidecar — owner: @dana — due: 2026-10-30 — ticket: NET-9
DOC
)

queue=$(new_postmortem "Payment queue backlog" 2026-09-14 SEV2 payments <<'DOC'
---
title: "Payment queue backlog delayed confirmations"
date: 2026-09-14
severity: SEV2
status: published
visibility: public
services: [payments]
tags: [queue]
authors: [lee]
started: 2026-09-14T16:00:00Z
detected: 2026-09-14T16:25:00Z
acknowledged: 2026-09-14T16:27:00Z
mitigated: 2026-09-14T17:40:00Z
resolved: 2026-09-14T18:05:00Z
---

## Summary
Payment confirmations arrived up to 40 minutes late while the consumers were throttled by a mistaken quota.

## Impact
Customers saw "payment pending" for up to 40 minutes; no payment was lost.

## Timeline
- 16:00 The quota change reaches production.
- 16:25 The queue-depth alert fires.
- 17:40 The quota is restored and the consumers catch up.
- 18:05 The backlog is empty.

## Root cause
A quota meant for the staging consumers was applied to production.

## Action items
- [x] Restore the consumers' quota — owner: @lee — due: 2026-09-15
- [x] Alert on queue depth per consumer group — owner: @dana — due: 2026-10-01
DOC
)
"$PM" actions done "$dns#1" >/dev/null 2>>"$work/pm.log"
echo "Demo repository: $(git log --oneline | wc -l | tr -d ' ') commits, postmortems: $checkout $search $dns $queue"

# --- The sites ------------------------------------------------------------------------------------------------------
site="$work/site"
public="$work/public"
if "$PM" site "$site" --as-of 2026-12-01 >"$work/site.out" 2>"$work/site.err"; then
    pass "pm site wrote the internal site ($(cat "$work/site.err" | tail -n 1))"
else
    fail "pm site failed: $(cat "$work/site.err")"
    exit 1
fi
if "$PM" site "$public" --public >/dev/null 2>"$work/public.err"; then
    pass "pm site --public wrote the public site"
else
    fail "pm site --public failed: $(cat "$work/public.err")"
fi

# --- Screenshots ----------------------------------------------------------------------------------------------------
# shoot NAME URL: a 1280×1600 screenshot of URL as NAME.png, checked to be a real PNG of that size.
shoot() {
    target="$shots/$1.png"
    rm -f "$target"
    run_browser --hide-scrollbars --window-size=1280,1600 --screenshot="$target" "$2" >/dev/null || true
    if [ -s "$target" ] && python3 - "$target" <<'PY'; then
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "no PNG signature"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1280, 1600), f"size {width}x{height}"
assert len(data) > 20_000, f"only {len(data)} bytes: a blank page?"
PY
        pass "screenshot $1.png ($(wc -c <"$target" | tr -d ' ') bytes)"
    else
        fail "screenshot $1.png is missing, empty or not a 1280x1600 PNG"
    fi
}
shoot index "file://$site/index.html"
shoot postmortem "file://$site/postmortems/$checkout.html"
shoot stats "file://$site/stats.html"
shoot actions "file://$site/actions.html"
shoot search "file://$site/index.html?q=replication"
shoot public-index "file://$public/index.html"
shoot public-postmortem "file://$public/postmortems/$checkout.html"

# --- Client-side search and filters ---------------------------------------------------------------------------------
# visible URL: the ids of the index rows that are not hidden once the page's script has run.
visible() {
    run_browser --virtual-time-budget=3000 --dump-dom "$1" >"$work/dom.html" || true
    python3 - "$work/dom.html" <<'PY'
import sys
from html.parser import HTMLParser

class Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.shown, self.rows = [], 0
    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "tr" and "data-id" in attributes:
            self.rows += 1
            if "hidden" not in attributes:
                self.shown.append(attributes["data-id"])

parser = Rows()
parser.feed(open(sys.argv[1], encoding="utf-8").read())
if parser.rows == 0:
    print("NO-ROWS")
print(" ".join(parser.shown))
PY
}
# expect NAME URL SHOWN HIDDEN: after the script ran on URL, SHOWN is listed and HIDDEN is not.
expect() {
    rows=$(visible "$2")
    case " $rows " in
    *" NO-ROWS "*) fail "$1: the browser's DOM has no postmortem rows" ;;
    *" $3 "*)
        case " $rows " in
        *" $4 "*) fail "$1: $4 is still listed (listed: $rows)" ;;
        *) pass "$1: lists $3, not $4" ;;
        esac
        ;;
    *) fail "$1: $3 is not listed (listed: $rows)" ;;
    esac
}
expect "search ?q=replication" "file://$site/index.html?q=replication" "$checkout" "$search"
expect "search #q=cache flush" "file://$site/index.html#q=cache%20flush" "$search" "$checkout"
expect "search ignores case and accents (?q=RÉPLICATION)" "file://$site/index.html?q=R%C3%89PLICATION" "$checkout" "$queue"
expect "filter ?severity=SEV1" "file://$site/index.html?severity=SEV1" "$dns" "$checkout"
expect "filter ?service=checkout-api&year=2026" "file://$site/index.html?service=checkout-api&year=2026" "$dns" "$queue"
expect "public search ?q=quota" "file://$public/index.html?q=quota" "$queue" "$checkout"

# Without a query every row is listed, and the filter form is shown by the script.
rows=$(visible "file://$site/index.html")
count=$(echo "$rows" | wc -w | tr -d ' ')
if [ "$count" -eq 4 ]; then pass "no query: all 4 postmortems listed"; else fail "no query: $count rows listed ($rows)"; fi
if grep -q '<form id="filters"[^>]*hidden' "$work/dom.html"; then
    fail "the script did not show the filter form"
else
    pass "the script shows the filter form"
fi
# The snippet shows the words found, marked.
visible "file://$site/index.html?q=replication" >/dev/null
if grep -q '<mark>replication</mark>' "$work/dom.html" || grep -q '<mark>Replication</mark>' "$work/dom.html"; then
    pass "the search snippet marks the word found"
else
    fail "no marked snippet for ?q=replication"
fi
# The title with markup is text in the browser's DOM, and the page ran no script of the document's.
if grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$work/dom.html" && ! grep -q '<script>alert(1)' "$work/dom.html"; then
    pass "a title with <script> shows as text"
else
    fail "the title with <script> is not escaped in the browser's DOM"
fi
# The public site has only the published, public postmortems.
rows=$(visible "file://$public/index.html")
case " $rows " in
*" $checkout "*) public_checkout=yes ;;
*) public_checkout=no ;;
esac
case " $rows " in
*" $dns "* | *" $search "*) fail "public site lists internal postmortems: $rows" ;;
*" $queue "*)
    if [ "$public_checkout" = yes ]; then
        pass "public site lists only the published, public postmortems"
    else
        fail "public site misses $checkout: $rows"
    fi
    ;;
*) fail "public site misses $queue: $rows" ;;
esac

echo
echo "Screenshots: $shots"
if [ "$failures" -gt 0 ]; then
    echo "$failures browser check(s) failed" >&2
    exit 1
fi
echo "All browser checks passed"
