// The dashboard as one self-contained HTML page: inline CSS and SVG, no script, and a policy that forbids any fetch.
import type { StoredRecord } from '../records/record.js';
import { formatDate, formatInt } from './format.js';
import { buildModel } from './model.js';
import { agents, cost, datasets, failures, leaderboard, overview, relay, runs } from './sections.js';
import { escapeHtml } from './svg.js';

/** Nothing may load: no script, no font, no image but inline data; styles only from the page itself. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;--accent:#0072B2}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#0d1b2a;color:#fff;padding:20px 32px}header h1{margin:0;font-size:22px;font-weight:600}header p{margin:4px 0 0;color:#c9d3dd}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:12px}nav a{color:#9fd3ff;text-decoration:none;font-size:14px}nav a:hover,nav a:focus{text-decoration:underline}
main{max-width:1240px;margin:0 auto;padding:16px 24px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 22px;margin:16px 0}
h2{margin:0 0 6px;font-size:18px}.intro{margin:0 0 12px;color:var(--muted);max-width:90ch}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px}#overview{background:none;border:0;padding:0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px}.card .k{color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:26px;font-weight:650;font-variant-numeric:tabular-nums}.card .note{color:var(--muted);font-size:13px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:20px;align-items:start}
figure{margin:0}figcaption{font-weight:600;font-size:14px;margin:4px 0 6px}
.chart{width:100%;max-width:820px;height:auto;display:block}.chart .grid{stroke:#e4e8ec;stroke-width:1}.chart .tick{font-size:13px;fill:var(--muted)}.chart .label{font-size:14px;fill:var(--fg)}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;margin:6px 0 0;font-size:13px}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);border-bottom:2px solid var(--line)}
tbody tr:nth-child(even){background:#fafbfc}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.strong{font-weight:650}
.muted{color:var(--muted);font-size:12px}.nowrap{white-space:nowrap}.reason{max-width:52ch;overflow-wrap:anywhere}.scroll{overflow-x:auto}
.pill{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600}.pill.red{background:#fde7dc;color:#8a3300}.pill.grey{background:#eceff1;color:#444}
.matrix td{text-align:center;font-variant-numeric:tabular-nums;min-width:64px}.matrix td small{display:block;color:#3d444d;font-size:11px}.matrix .diag,.matrix .none{color:#9aa4ae}
.meter{background:#e8edf2;border-radius:4px;height:10px;min-width:120px}.meter span{display:block;height:10px;border-radius:4px;background:var(--accent)}
.totals{list-style:none;display:flex;gap:24px;padding:0;margin:0 0 10px}.totals strong{font-size:20px;font-variant-numeric:tabular-nums}
.empty{color:var(--muted);font-style:italic}a{color:#0062a3}footer{color:var(--muted);font-size:13px;text-align:center;padding:0 0 32px}
@media (max-width:560px){.grid2{grid-template-columns:1fr}header,main{padding-left:12px;padding-right:12px}}
`;

const NAV: [string, string][] = [
  ['runs', 'Runs'],
  ['failures', 'Failures'],
  ['agents', 'Agents'],
  ['cost', 'Cost'],
  ['relay', 'Relay'],
  ['leaderboard', 'Leaderboard'],
  ['datasets', 'Datasets'],
];

export interface DashboardInput {
  records: StoredRecord[];
  /** URLs of the relay's pull requests that were merged. */
  merged?: ReadonlySet<string>;
  now: Date;
  /** Shown in the title, e.g. the repository. */
  title?: string;
}

export function renderDashboard(input: DashboardInput): string {
  const m = buildModel(input);
  const title = input.title ? `AI Orchestra · ${input.title}` : 'AI Orchestra';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><p>${formatInt(m.records)} runs${m.first && m.last ? `, ${formatDate(m.first)} – ${formatDate(m.last)}` : ''} · built ${formatDate(m.generatedAt)}</p>
<nav aria-label="Sections">${NAV.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('')}</nav></header>
<main>${overview(m)}${runs(m)}${failures(m)}${agents(m)}${cost(m)}${relay(m)}${leaderboard(m)}${datasets(m)}</main>
<footer>Built by ai-orchestra-action dashboard from the run records on the data branch. No script, no network.</footer>
</body></html>
`;
}
