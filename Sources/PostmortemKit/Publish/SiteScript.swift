/// The index page's script (`site.js`): filters and free-text search over `window.PM_SITE_INDEX`, in the page.
///
/// It reads its starting state from the address (`index.html?q=replication`, `#severity=SEV1&year=2026`), hides the
/// rows that do not match, shows a snippet around the words found, and keeps the address up to date so a search can
/// be shared. It writes text only through `textContent` and `createElement`, never as markup. Without it the page
/// shows every postmortem; the filter form stays hidden, as it would do nothing.
enum SiteScript {
    static let source = """
        (function () {
          "use strict";
          var data = window.PM_SITE_INDEX;
          var form = document.getElementById("filters");
          var table = document.getElementById("postmortems");
          if (!data || !form || !table || !table.tBodies.length) { return; }
          var count = document.getElementById("result-count");
          var empty = document.getElementById("no-results");
          var fields = ["q", "severity", "status", "service", "tag", "year"];

          function fold(text) {
            var lower = String(text || "").toLowerCase();
            return lower.normalize ? lower.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "") : lower;
          }

          var records = {};
          data.postmortems.forEach(function (record) {
            // Lines (headings, paragraphs, list items) joined with a middle dot, so a snippet reads as text.
            record.flat = record.text.split(/\\s*\\n\\s*/).filter(Boolean).join(" · ").replace(/\\s+/g, " ");
            record.haystack = fold([record.id, record.title, record.services.join(" "),
              record.tags.join(" "), record.authors.join(" "), record.flat].join("\\n"));
            records[record.id] = record;
          });
          var rows = Array.prototype.slice.call(table.tBodies[0].rows);

          function control(name) { return form.elements.namedItem(name); }

          function terms(query) {
            return fold(query).split(/\\s+/).filter(function (term) { return term.length > 0; });
          }

          function readAddress() {
            var state = {};
            [location.search.slice(1), location.hash.slice(1)].forEach(function (part) {
              if (!part) { return; }
              var params = new URLSearchParams(part);
              fields.forEach(function (name) { if (params.has(name)) { state[name] = params.get(name); } });
            });
            fields.forEach(function (name) {
              var input = control(name);
              if (input) { input.value = state[name] || ""; }
            });
          }

          function showSnippet(box, record, words) {
            while (box.firstChild) { box.removeChild(box.firstChild); }
            box.hidden = true;
            if (!record || !words.length) { return; }
            var text = record.flat;
            var folded = fold(text);
            if (folded.length !== text.length) { text = folded; }
            var at = -1;
            words.forEach(function (word) {
              var found = folded.indexOf(word);
              if (found >= 0 && (at < 0 || found < at)) { at = found; }
            });
            if (at < 0) { return; }
            // From the start of the line that holds the word when it is near, else from a word before it.
            var line = text.lastIndexOf(" · ", at);
            var fromLine = line < 0 ? at <= 90 : at - line <= 90;
            var start = fromLine ? (line < 0 ? 0 : line + 3) : at - 60;
            var end = Math.min(text.length, at + 160);
            if (!fromLine) {
              var space = text.indexOf(" ", start);
              if (space >= 0 && space < at) { start = space + 1; }
            }
            if (end < text.length) { var last = text.lastIndexOf(" ", end); if (last > at) { end = last; } }
            var marks = [];
            words.forEach(function (word) {
              var from = start;
              for (;;) {
                var found = folded.indexOf(word, from);
                if (found < 0 || found >= end) { break; }
                marks.push([found, Math.min(found + word.length, end)]);
                from = found + word.length;
              }
            });
            marks.sort(function (a, b) { return a[0] - b[0]; });
            if (!fromLine) { box.appendChild(document.createTextNode("… ")); }
            var position = start;
            marks.forEach(function (mark) {
              if (mark[0] < position) { if (mark[1] <= position) { return; } mark[0] = position; }
              box.appendChild(document.createTextNode(text.slice(position, mark[0])));
              var element = document.createElement("mark");
              element.textContent = text.slice(mark[0], mark[1]);
              box.appendChild(element);
              position = mark[1];
            });
            box.appendChild(document.createTextNode(text.slice(position, end) + (end < text.length ? " …" : "")));
            box.hidden = false;
          }

          function apply(updateAddress) {
            var state = {};
            fields.forEach(function (name) {
              var input = control(name);
              if (input && input.value.trim()) { state[name] = input.value.trim(); }
            });
            var words = terms(state.q || "");
            var shown = 0;
            rows.forEach(function (row) {
              var record = records[row.getAttribute("data-id")];
              var match = !!record &&
                (!state.severity || record.severity === state.severity) &&
                (!state.status || record.status === state.status) &&
                (!state.service || record.services.indexOf(state.service) >= 0) &&
                (!state.tag || record.tags.indexOf(state.tag) >= 0) &&
                (!state.year || record.year === state.year) &&
                words.every(function (word) { return record.haystack.indexOf(word) >= 0; });
              row.hidden = !match;
              if (match) { shown += 1; }
              var box = row.querySelector(".snippet");
              if (box) { showSnippet(box, match ? record : null, words); }
            });
            var noun = rows.length === 1 ? " postmortem" : " postmortems";
            var filtered = Object.keys(state).length > 0;
            count.textContent = filtered ? shown + " of " + rows.length + noun + " match" : rows.length + noun;
            if (empty) { empty.hidden = shown > 0; }
            document.body.setAttribute("data-results", String(shown));
            if (updateAddress) {
              var query = new URLSearchParams(state).toString();
              try {
                history.replaceState(null, "", location.pathname + (query ? "#" + query : ""));
              } catch (error) {
                // A browser that refuses to change the address of a file: page keeps the old one.
              }
            }
          }

          form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
          form.addEventListener("input", function () { apply(true); });
          form.addEventListener("change", function () { apply(true); });
          form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
          window.addEventListener("hashchange", function () { readAddress(); apply(false); });
          readAddress();
          form.hidden = false;
          apply(false);
        })();

        """
}
