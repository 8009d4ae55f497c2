/// The site's one stylesheet (`style.css`): the system's fonts, readable line lengths, tables for lists, badges for
/// severities and states, light and dark colours. Nothing is loaded from elsewhere.
enum SiteStyle {
    static let css = """
        :root {
          color-scheme: light dark;
          --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --panel: #ffffff; --page: #ffffff;
          --accent: #0969da; --header: #24292f; --header-text: #f6f8fa; --mark: #fff8c5;
          --sev1: #cf222e; --sev2: #bc4c00; --sev3: #9a6700; --sev4: #0969da; --sev-other: #59636e;
          --done: #1a7f37; --overdue: #cf222e; --open: #0969da; --due: #9a6700;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e6edf3; --muted: #9198a1; --line: #3d444d; --soft: #151b23; --panel: #0d1117; --page: #0d1117;
            --accent: #4493f8; --header: #010409; --header-text: #e6edf3; --mark: #bb800926;
            --sev1: #ff7b72; --sev2: #f0883e; --sev3: #d29922; --sev4: #58a6ff; --sev-other: #9198a1;
            --done: #3fb950; --overdue: #ff7b72; --open: #58a6ff; --due: #d29922;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; background: var(--page); color: var(--text);
          font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
        }
        .wrap { max-width: 72rem; margin: 0 auto; padding: 0 1.5rem; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: var(--panel); padding: 0.5rem; z-index: 2; }

        .site-header { background: var(--header); color: var(--header-text); }
        .site-header .wrap { display: flex; align-items: center; gap: 1rem; min-height: 3.5rem; flex-wrap: wrap; }
        .brand { color: var(--header-text); font-weight: 650; font-size: 1.05rem; }
        .audience-tag {
          font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.06em; padding: 0.1rem 0.5rem;
          border: 1px solid #ffffff55; border-radius: 999px; color: var(--header-text); opacity: 0.85;
        }
        .site-header nav { margin-left: auto; display: flex; gap: 0.25rem; }
        .site-header nav a { color: var(--header-text); opacity: 0.8; padding: 0.4rem 0.75rem; border-radius: 6px; }
        .site-header nav a:hover { opacity: 1; text-decoration: none; background: #ffffff1a; }
        .site-header nav a[aria-current="page"] { opacity: 1; background: #ffffff26; font-weight: 600; }

        main.wrap { padding-top: 2rem; padding-bottom: 3rem; }
        h1 { font-size: 1.85rem; line-height: 1.25; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.3rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.35rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.08rem; margin: 1.5rem 0 0.5rem; }
        h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 0.4rem; }
        p, ul, ol { margin: 0.5rem 0 0.9rem; }
        .lead { color: var(--muted); font-size: 1.02rem; margin-bottom: 1.25rem; }
        .muted { color: var(--muted); }
        .empty { color: var(--muted); padding: 2rem; text-align: center; border: 1px dashed var(--line); border-radius: 8px; }
        code, pre { font: 0.88em/1.5 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
        code { background: var(--soft); padding: 0.1em 0.35em; border-radius: 4px; overflow-wrap: anywhere; }
        pre { background: var(--soft); padding: 0.8rem 1rem; border-radius: 6px; overflow-x: auto; }
        pre code { padding: 0; background: none; }
        blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 3px solid var(--line); }
        hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
        mark { background: var(--mark); color: inherit; border-radius: 2px; padding: 0 1px; }

        .table-wrap { overflow-x: auto; margin: 0.75rem 0 1.25rem; border: 1px solid var(--line); border-radius: 8px; }
        table { border-collapse: collapse; width: 100%; }
        .table-wrap table { margin: 0; }
        th, td { text-align: left; vertical-align: top; padding: 0.55rem 0.75rem; border-bottom: 1px solid var(--line); }
        thead th {
          background: var(--soft); font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em;
          color: var(--muted); font-weight: 600; white-space: nowrap;
        }
        tbody tr:last-child > * { border-bottom: 0; }
        table.list tbody tr:hover { background: var(--soft); }
        .number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.date, td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.title a { font-weight: 600; }
        .row-meta { margin-top: 0.25rem; font-size: 0.85rem; color: var(--muted); }
        .snippet { margin-top: 0.35rem; font-size: 0.85rem; color: var(--muted); max-width: 48rem; }
        article table:not(.key-times) { margin: 0.75rem 0 1.25rem; }
        article .table-wrap table { margin: 0; }
        section > table:not(.timeline) { border: 1px solid var(--line); }

        .badge {
          display: inline-block; font-size: 0.75rem; font-weight: 600; line-height: 1.5; padding: 0 0.5rem;
          border-radius: 999px; border: 1px solid currentColor; white-space: nowrap;
        }
        .sev { color: #ffffff; border-color: transparent; }
        .sev-1 { background: var(--sev1); }
        .sev-2 { background: var(--sev2); }
        .sev-3 { background: var(--sev3); }
        .sev-4 { background: var(--sev4); }
        .sev-other { background: var(--sev-other); }
        .status-draft { color: var(--muted); }
        .status-in-review { color: var(--due); }
        .status-published { color: var(--done); }
        .visibility { color: var(--accent); }
        .state-done { color: var(--done); }
        .state-overdue { color: #ffffff; background: var(--overdue); border-color: transparent; }
        .state-due { color: var(--due); }
        .state-open { color: var(--open); }
        .chip {
          display: inline-block; font-size: 0.78rem; padding: 0 0.45rem; border-radius: 4px; background: var(--soft);
          border: 1px solid var(--line); color: var(--text); margin: 0 0.15rem 0.15rem 0;
        }
        .owner { font-weight: 500; }
        h2 .owner { font-weight: inherit; }
        td.ticket { white-space: nowrap; }

        .filters {
          display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; padding: 1rem; margin: 0 0 0.75rem;
          background: var(--soft); border: 1px solid var(--line); border-radius: 8px;
        }
        .filters[hidden] { display: none; }
        .field { display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.78rem; color: var(--muted); font-weight: 600; }
        .field.search { flex: 1 1 16rem; }
        .field input, .field select, .button {
          font: inherit; font-size: 0.92rem; color: var(--text); background: var(--panel); border: 1px solid var(--line);
          border-radius: 6px; padding: 0.4rem 0.6rem; min-height: 2.2rem; font-weight: 400;
        }
        .field input:focus, .field select:focus { outline: 2px solid var(--accent); outline-offset: -1px; }
        .button { cursor: pointer; font-weight: 600; }
        .button:hover { background: var(--soft); }
        .result-count { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0; }

        .breadcrumb { font-size: 0.9rem; color: var(--muted); margin-bottom: 0.75rem; }
        .page-header { margin-bottom: 1rem; }
        .badges { display: flex; gap: 0.4rem; flex-wrap: wrap; margin: 0.5rem 0 0; }
        .metrics {
          list-style: none; padding: 0; margin: 1rem 0 1.5rem; display: grid; gap: 0.75rem;
          grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        }
        .metrics li { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; background: var(--panel); }
        .metrics li.alert { border-color: var(--overdue); }
        .metrics li.alert .metric-value { color: var(--overdue); }
        .metric-label { display: block; font-size: 0.78rem; color: var(--muted); font-weight: 600; }
        .metric-value { display: block; font-size: 1.45rem; font-weight: 650; font-variant-numeric: tabular-nums; }
        .overview { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
        @media (max-width: 50rem) { .overview { grid-template-columns: minmax(0, 1fr); } }
        .facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.4rem 1.25rem; margin: 0; }
        .facts dt { color: var(--muted); font-weight: 600; font-size: 0.9rem; }
        .facts dd { margin: 0; }
        .key-times { border: 1px solid var(--line); border-radius: 8px; border-collapse: separate; border-spacing: 0; }
        .key-times caption { text-align: left; font-weight: 600; padding: 0 0 0.4rem; }
        .key-times th[scope="row"] { font-weight: 600; }
        article.postmortem > section { max-width: 52rem; }
        article.postmortem > section .table-wrap, article.postmortem > section table.timeline { max-width: none; }
        .preamble { max-width: 52rem; }
        table.timeline { border: 1px solid var(--line); border-radius: 8px; border-collapse: separate; border-spacing: 0; }
        table.timeline td.time { width: 7rem; color: var(--muted); font-weight: 600; }
        table.timeline td > p:first-child { margin-top: 0; }
        ul.tasks { list-style: none; padding-left: 0.2rem; }
        li.task input { margin: 0 0.5rem 0 0; }
        .item-group h2 { font-size: 1.1rem; }

        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr)); gap: 1.25rem; margin: 1rem 0; }
        .chart-figure { margin: 0; padding: 0.75rem; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); }
        svg.chart { display: block; width: 100%; height: auto; color: var(--text); }

        .site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.85rem; padding: 1.25rem 0 2rem; }
        @media print {
          .site-header nav, .filters, .skip { display: none; }
          .site-header { background: none; color: inherit; }
        }

        """
}
