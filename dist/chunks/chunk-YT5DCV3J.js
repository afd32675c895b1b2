import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  Redactor
} from "./chunk-JHNAZRZX.js";
import {
  PairwiseTable,
  fitRatings
} from "./chunk-AJVDQX2A.js";
import {
  parseStoredRecord,
  toStoredRecord
} from "./chunk-U6KCGNNF.js";

// src/dashboard/command.ts
import { mkdirSync, readFileSync as readFileSync2, writeFileSync } from "node:fs";
import { join as join2, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/records/local.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
function filesBelow(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).filter((e) => !e.name.startsWith(".") || e.name === ".ai-orchestra").sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => filesBelow(join(path, e.name)));
}
function isDatasetRow(value) {
  const r = value;
  return typeof r === "object" && r !== null && r.store === 1 && typeof r.run === "string" && typeof r.format === "string" && "row" in r;
}
function readLocalRecords(paths) {
  const records = /* @__PURE__ */ new Map();
  const datasetRows = [];
  let skipped = 0;
  const redactor = new Redactor([]);
  for (const file of paths.flatMap(filesBelow)) {
    if (basename(file) === "result.json") {
      const result = JSON.parse(readFileSync(file, "utf8"));
      records.set(
        `${result.repository}#${basename(dirname(file))}`,
        toStoredRecord(result, `${result.repository}#${basename(dirname(file))}`, redactor)
      );
      continue;
    }
    if (!file.endsWith(".jsonl")) continue;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const record = parseStoredRecord(line);
      if (record) {
        records.set(record.id, record);
        continue;
      }
      let value;
      try {
        value = JSON.parse(line);
      } catch {
        value = void 0;
      }
      if (isDatasetRow(value)) datasetRows.push(value);
      else skipped += 1;
    }
  }
  return { records: [...records.values()], datasetRows, skipped };
}
function mergedPullUrls(pulls) {
  if (!Array.isArray(pulls)) return /* @__PURE__ */ new Set();
  return new Set(
    pulls.filter((p) => p && typeof p.html_url === "string" && p.merged_at).map((p) => p.html_url)
  );
}

// src/dashboard/svg.ts
var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D1F", "#000000"];
var OUTCOME_COLOURS = { success: "#0072B2", failure: "#D55E00", cancelled: "#8A8A8A" };
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
var W = 760;
var PAD = { left: 56, right: 40, top: 14, bottom: 34 };
var SECOND = 1e3;
var DURATION_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].map((s) => s * SECOND);
function niceDurationStep(maxMs, ticks = 5) {
  return DURATION_STEPS.find((s) => s * ticks >= maxMs) ?? niceStep(maxMs, ticks);
}
function niceStep(max, ticks = 4) {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
}
function frame(label, height, body) {
  return `<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(label)}</title>${body}</svg>`;
}
function yAxis(max, height, format, min = 0) {
  const step = niceStep(max - min);
  const lo = Math.floor(min / step) * step;
  const top = Math.max(step, Math.ceil(max / step) * step);
  const inner = height - PAD.top - PAD.bottom;
  const y = (v) => PAD.top + inner - (v - lo) / (top - lo || 1) * inner;
  let svg = "";
  for (let v = lo; v <= top + step / 2; v += step) {
    svg += `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`;
    svg += `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" class="tick" text-anchor="end">${escapeHtml(format(v))}</text>`;
  }
  return { y, svg, top };
}
function xLabels(labels, x, height) {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return labels.map(
    (l, i) => i % every === 0 ? `<text x="${x(i).toFixed(1)}" y="${height - PAD.bottom + 18}" class="tick" text-anchor="middle">${escapeHtml(l)}</text>` : ""
  ).join("");
}
function stackedBars(label, categories, series, opts = {}) {
  const height = opts.height ?? 240;
  const format = opts.format ?? ((n) => String(n));
  const totals = categories.map((_, i) => series.reduce((s, se) => s + (se.values[i] ?? 0), 0));
  const axis = yAxis(Math.max(0, ...totals), height, format);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, categories.length);
  const bar = Math.max(1, Math.min(40, slot * 0.75));
  const x = (i) => PAD.left + slot * i + slot / 2;
  let bars = "";
  categories.forEach((c, i) => {
    let base = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const y1 = axis.y(base + v);
      bars += `<rect x="${(x(i) - bar / 2).toFixed(1)}" y="${y1.toFixed(1)}" width="${bar.toFixed(1)}" height="${(axis.y(base) - y1).toFixed(1)}" fill="${s.colour}"><title>${escapeHtml(`${opts.xLabel ? opts.xLabel(c) : c} \xB7 ${s.label}: ${format(v)}`)}</title></rect>`;
      base += v;
    }
  });
  return frame(label, height, axis.svg + bars + xLabels(categories.map(opts.xLabel ?? ((c) => c)), x, height));
}
function lineChart(label, categories, series, opts = {}) {
  const height = opts.height ?? 240;
  const format = opts.format ?? ((n) => String(Math.round(n)));
  const all = series.flatMap((s) => s.values.filter((v) => v !== void 0));
  const min = opts.fromZero === false && all.length ? Math.min(...all) : 0;
  const axis = yAxis(Math.max(min + 1, ...all), height, format, min);
  const step = (W - PAD.left - PAD.right) / Math.max(1, categories.length - 1);
  const x = (i) => categories.length === 1 ? (W + PAD.left - PAD.right) / 2 : PAD.left + step * i;
  const dashes = ["", "7 4", "2 3", "10 3 2 3"];
  const lines = series.map((s, n) => {
    const pts = s.values.map((v, i) => v === void 0 ? void 0 : `${x(i).toFixed(1)},${axis.y(v).toFixed(1)}`).filter(Boolean);
    const dots = s.values.map(
      (v, i) => v === void 0 ? "" : `<circle cx="${x(i).toFixed(1)}" cy="${axis.y(v).toFixed(1)}" r="2.5" fill="${s.colour}"><title>${escapeHtml(`${s.label}, ${categories[i]}: ${format(v)}`)}</title></circle>`
    ).join("");
    const dash = dashes[n % dashes.length] ? ` stroke-dasharray="${dashes[n % dashes.length]}"` : "";
    return `<polyline points="${pts.join(" ")}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>${dots}`;
  }).join("");
  return frame(label, height, axis.svg + lines + xLabels(categories, x, height));
}
var ROW_LABEL_WIDTH = 120;
function rowChart(label, rows, range, format, draw) {
  const height = PAD.top + rows.length * range.rowH + PAD.bottom;
  const step = (range.step ?? niceStep)(range.hi - range.lo, 5);
  const a = Math.floor(range.lo / step) * step;
  const b = Math.ceil(range.hi / step) * step;
  const x = (v) => ROW_LABEL_WIDTH + (v - a) / (b - a || 1) * (W - ROW_LABEL_WIDTH - PAD.right);
  let svg = "";
  for (let v = a; v <= b + step / 2; v += step) {
    svg += `<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${PAD.top}" y2="${height - PAD.bottom}" class="grid"/><text x="${x(v).toFixed(1)}" y="${height - PAD.bottom + 18}" class="tick" text-anchor="middle">${escapeHtml(format(v))}</text>`;
  }
  rows.forEach((r, i) => {
    const y = PAD.top + i * range.rowH + range.rowH / 2;
    svg += `<text x="${ROW_LABEL_WIDTH - 10}" y="${y + 4}" class="label" text-anchor="end">${escapeHtml(r.label)}</text>${draw(r, y, x)}`;
  });
  return frame(label, height, svg);
}
function intervalChart(label, rows, format) {
  const range = { lo: Math.min(...rows.map((r) => r.low)), hi: Math.max(...rows.map((r) => r.high)), rowH: 28 };
  return rowChart(
    label,
    rows,
    range,
    format,
    (r, y, x) => `<line x1="${x(r.low).toFixed(1)}" x2="${x(r.high).toFixed(1)}" y1="${y}" y2="${y}" stroke="${r.colour}" stroke-width="6" stroke-linecap="round" opacity="0.35"/><circle cx="${x(r.value).toFixed(1)}" cy="${y}" r="6" fill="${r.colour}"><title>${escapeHtml(`${r.label}: ${format(r.value)} (95% ${format(r.low)}\u2013${format(r.high)})`)}</title></circle>`
  );
}
function boxPlot(label, rows, format, step) {
  const range = { lo: 0, hi: Math.max(1, ...rows.map((r) => r.max)), rowH: 30, step };
  return rowChart(label, rows, range, format, (r, y, x) => {
    const tip = `${r.label}: median ${format(r.median)}, middle half ${format(r.q1)}\u2013${format(r.q3)}, range ${format(r.min)}\u2013${format(r.max)}`;
    return `<g><title>${escapeHtml(tip)}</title><line x1="${x(r.min).toFixed(1)}" x2="${x(r.max).toFixed(1)}" y1="${y}" y2="${y}" stroke="${r.colour}" stroke-width="1.5"/><rect x="${x(r.q1).toFixed(1)}" y="${y - 9}" width="${Math.max(1, x(r.q3) - x(r.q1)).toFixed(1)}" height="18" fill="${r.colour}" opacity="0.35" stroke="${r.colour}"/><line x1="${x(r.median).toFixed(1)}" x2="${x(r.median).toFixed(1)}" y1="${y - 9}" y2="${y + 9}" stroke="${r.colour}" stroke-width="3"/></g>`;
  });
}
function legend(items) {
  return `<ul class="legend">${items.map((i) => `<li><span class="swatch" style="background:${i.colour}"></span>${escapeHtml(i.label)}</li>`).join("")}</ul>`;
}

// src/dashboard/format.ts
var integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
var compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
var percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });
var formatInt = (n) => integer.format(n);
var formatCompact = (n) => compact.format(n);
var formatPercent = (part, whole) => whole > 0 ? percent.format(part / whole) : "\u2013";
function formatUsd(n) {
  if (n === 0) return "$0";
  const digits = Math.abs(n) < 1 ? 3 : Math.abs(n) < 100 ? 2 : 0;
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}
function formatDuration(ms) {
  const s = Math.round(ms / 1e3);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}
function formatDate(iso) {
  return new Date(iso).toLocaleDateString("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC"
  });
}
function formatBucket(key) {
  const [y, m, d] = key.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d ?? 1));
  return date.toLocaleDateString(
    "en-US",
    d === void 0 ? { month: "short", year: "numeric", timeZone: "UTC" } : { month: "short", day: "numeric", timeZone: "UTC" }
  );
}
function link(url, text) {
  if (!url || !/^https:\/\/[^\s"'<>]+$/.test(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}

// src/dashboard/model.ts
function spreadOf(values) {
  if (values.length === 0) return void 0;
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
  };
  return { count: s.length, median: at(0.5), q1: at(0.25), q3: at(0.75), min: s[0], max: s[s.length - 1] };
}
var monthOf = (iso) => iso.slice(0, 7);
function weekOf(iso) {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}
function bucketsBetween(first, last, unit) {
  const out = [];
  if (unit === "month") {
    let [y, m] = first.split("-").map(Number);
    for (let key = first; key <= last; ) {
      out.push(key);
      m += 1;
      if (m > 12) m = 1, y += 1;
      key = `${y}-${String(m).padStart(2, "0")}`;
    }
    return out;
  }
  for (let t = Date.parse(first); t <= Date.parse(last); t += 7 * 864e5)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
function seriesBy(records, unit, categoryOf, amountOf = () => 1) {
  const key = unit === "week" ? weekOf : monthOf;
  const keys = records.map((r) => key(r.startedAt));
  const buckets = keys.length ? bucketsBetween(
    keys.reduce((a, b) => a < b ? a : b),
    keys.reduce((a, b) => a > b ? a : b),
    unit
  ) : [];
  const index = new Map(buckets.map((b, i) => [b, i]));
  const counts = /* @__PURE__ */ new Map();
  records.forEach((r, i) => {
    const c = categoryOf(r);
    let row = counts.get(c);
    if (!row) counts.set(c, row = new Array(buckets.length).fill(0));
    row[index.get(keys[i])] += amountOf(r);
  });
  return { buckets, categories: [...counts.keys()].sort(), counts };
}
function agentStats(records) {
  const by = /* @__PURE__ */ new Map();
  for (const r of records) {
    for (const a of r.agents) {
      const runs2 = by.get(a.agent);
      if (runs2) runs2.push(a);
      else by.set(a.agent, [a]);
    }
  }
  return [...by].map(([agent, runs2]) => {
    const costs = runs2.map((a) => a.usage.costUsd).filter((c) => typeof c === "number");
    return {
      agent,
      runs: runs2.length,
      successes: runs2.filter((a) => a.status === "success").length,
      durationMs: spreadOf(runs2.filter((a) => a.status === "success").map((a) => a.durationMs)),
      costUsd: spreadOf(costs),
      totalCostUsd: costs.reduce((s, c) => s + c, 0),
      inputTokens: runs2.reduce((s, a) => s + (a.usage.inputTokens ?? 0), 0),
      outputTokens: runs2.reduce((s, a) => s + (a.usage.outputTokens ?? 0), 0)
    };
  }).sort((a, b) => b.runs - a.runs || a.agent.localeCompare(b.agent));
}
var runCost = (r) => r.agents.reduce((s, a) => s + (a.usage.costUsd ?? 0), 0);
function relayStats(records, merged) {
  const relays = records.filter((r) => r.relay);
  const stages = /* @__PURE__ */ new Map();
  const rounds = /* @__PURE__ */ new Map();
  for (const r of relays) {
    for (const s of r.relay.stages) {
      const e = stages.get(s.stage) ?? { stage: s.stage, runs: 0, passed: 0 };
      e.runs += 1;
      if (s.passed) e.passed += 1;
      stages.set(s.stage, e);
    }
    const most = Math.max(1, ...r.relay.stages.map((s) => s.round));
    rounds.set(most, (rounds.get(most) ?? 0) + 1);
  }
  return {
    runs: relays.length,
    successes: relays.filter((r) => r.status === "success").length,
    stages: [...stages.values()],
    rounds,
    withPullRequest: relays.filter((r) => r.relay.prUrl).length,
    merged: relays.filter((r) => r.relay.prUrl && merged.has(r.relay.prUrl)).length
  };
}
function leaderboard(records) {
  const reviews = records.filter((r) => r.review && r.review.ranking.length + r.review.unranked.length >= 2).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const table = new PairwiseTable();
  const months = reviews.length ? bucketsBetween(monthOf(reviews[0].startedAt), monthOf(reviews[reviews.length - 1].startedAt), "month") : [];
  const history = /* @__PURE__ */ new Map();
  let next = 0;
  months.forEach((month, m) => {
    while (next < reviews.length && monthOf(reviews[next].startedAt) <= month) table.add(reviews[next++].review);
    for (const r of fitRatings(table)) {
      if (!history.has(r.agent)) history.set(r.agent, new Array(months.length).fill(void 0));
      history.get(r.agent)[m] = r.rating;
    }
  });
  return { ratings: fitRatings(table), table, reviews: reviews.length, months, history };
}
function datasetStats(records) {
  const runs2 = records.filter((r) => r.datasets).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const monthly = seriesBy(runs2, "month", () => "rows");
  const rowsByFormat = /* @__PURE__ */ new Map();
  const cumulative = /* @__PURE__ */ new Map();
  const index = new Map(monthly.buckets.map((b, i) => [b, i]));
  for (const r of runs2) {
    for (const [format, n] of Object.entries(r.datasets.rows)) {
      rowsByFormat.set(format, (rowsByFormat.get(format) ?? 0) + n);
      if (!cumulative.has(format)) cumulative.set(format, new Array(monthly.buckets.length).fill(0));
      cumulative.get(format)[index.get(monthOf(r.startedAt))] += n;
    }
  }
  for (const row of cumulative.values()) for (let i = 1; i < row.length; i++) row[i] += row[i - 1];
  return {
    runs: runs2.length,
    rowsByFormat,
    months: monthly.buckets,
    cumulative,
    kept: runs2.reduce((s, r) => s + r.datasets.kept, 0),
    dropped: runs2.reduce((s, r) => s + r.datasets.dropped, 0),
    pairsMade: runs2.filter((r) => r.datasets.pair).length,
    pairsMissing: runs2.filter((r) => !r.datasets.pair).length,
    recent: runs2.slice(-12).reverse()
  };
}
var FAILURES_LISTED = 25;
function buildModel(input) {
  const records = [...input.records].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const first = records[0]?.startedAt;
  const last = records[records.length - 1]?.startedAt;
  const unit = first && last && Date.parse(last) - Date.parse(first) > 182 * 864e5 ? "month" : "week";
  const failures2 = records.filter((r) => r.status !== "success");
  const agents2 = agentStats(records);
  return {
    generatedAt: input.now.toISOString(),
    records: records.length,
    first,
    last,
    unit,
    byPipeline: seriesBy(records, unit, (r) => r.pipeline),
    byOutcome: seriesBy(records, unit, (r) => r.status),
    failures: failures2.slice(-FAILURES_LISTED).reverse(),
    failureCount: failures2.length,
    agents: agents2,
    costPerRun: spreadOf(records.map(runCost).filter((c) => c > 0)),
    costByMonth: seriesBy(records, "month", (r) => r.pipeline, runCost),
    totalCostUsd: agents2.reduce((s, a) => s + a.totalCostUsd, 0),
    totalTokens: agents2.reduce((s, a) => s + a.inputTokens + a.outputTokens, 0),
    relay: relayStats(records, input.merged ?? /* @__PURE__ */ new Set()),
    leaderboard: leaderboard(records),
    datasets: datasetStats(records)
  };
}

// src/dashboard/sections.ts
var colourOf = (names) => {
  const map = new Map([...names].sort().map((n, i) => [n, PALETTE[i % PALETTE.length]]));
  return (name) => map.get(name) ?? PALETTE[PALETTE.length - 1];
};
function section(id, title, intro, body) {
  return `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${escapeHtml(title)}</h2>${intro ? `<p class="intro">${intro}</p>` : ""}${body}</section>`;
}
var empty = (what) => `<p class="empty">${escapeHtml(what)}</p>`;
function seriesBars(series, colour) {
  return series.categories.map((c) => ({ label: c, colour: colour(c), values: series.counts.get(c) }));
}
function overview(m) {
  const successes = m.byOutcome.counts.get("success")?.reduce((s, n) => s + n, 0) ?? 0;
  const top = m.leaderboard.ratings[0];
  const cards = [
    ["Runs", formatInt(m.records), m.first && m.last ? `${formatDate(m.first)} \u2013 ${formatDate(m.last)}` : "none yet"],
    ["Succeeded", formatPercent(successes, m.records), `${formatInt(m.failureCount)} failed or cancelled`],
    [
      "Cost",
      formatUsd(m.totalCostUsd),
      m.costPerRun ? `median ${formatUsd(m.costPerRun.median)} a run` : "no cost reported"
    ],
    ["Tokens", formatCompact(m.totalTokens), "input and output"],
    [
      "Leader",
      top ? escapeHtml(top.agent) : "\u2013",
      top ? `${formatInt(top.rating)} (${formatInt(top.low)}\u2013${formatInt(top.high)})` : "no reviews yet"
    ],
    [
      "Dataset rows",
      formatInt([...m.datasets.rowsByFormat.values()].reduce((s, n) => s + n, 0)),
      `from ${formatInt(m.datasets.runs)} persona-data runs`
    ]
  ];
  return `<section id="overview" aria-label="Overview"><div class="cards">${cards.map(
    ([k, v, note]) => `<div class="card"><div class="k">${k}</div><div class="v">${v}</div><div class="note">${escapeHtml(note)}</div></div>`
  ).join("")}</div></section>`;
}
function runs(m) {
  if (m.records === 0) return section("runs", "Runs over time", "", empty("No runs recorded yet."));
  const pipelines = colourOf(m.byPipeline.categories);
  const per = m.unit === "week" ? "week (from Monday)" : "month";
  return section(
    "runs",
    "Runs over time",
    `Runs per ${per}, by pipeline and by outcome.`,
    `<div class="grid2"><figure><figcaption>By pipeline</figcaption>${stackedBars("Runs by pipeline", m.byPipeline.buckets, seriesBars(m.byPipeline, pipelines), { xLabel: formatBucket, format: formatInt })}${legend(m.byPipeline.categories.map((c) => ({ label: c, colour: pipelines(c) })))}</figure><figure><figcaption>By outcome</figcaption>${stackedBars(
      "Runs by outcome",
      m.byOutcome.buckets,
      seriesBars(m.byOutcome, (c) => OUTCOME_COLOURS[c] ?? "#555"),
      { xLabel: formatBucket, format: formatInt }
    )}${legend(m.byOutcome.categories.map((c) => ({ label: c, colour: OUTCOME_COLOURS[c] ?? "#555" })))}</figure></div>`
  );
}
function failures(m) {
  if (m.failures.length === 0) return section("failures", "Failures", "", empty("No run failed."));
  const rows = m.failures.map((r) => {
    const reason = r.error ?? r.relay?.failure?.reason ?? r.agents.find((a) => a.status !== "success")?.error ?? r.status;
    return `<tr><td class="nowrap">${formatDate(r.startedAt)}</td><td class="nowrap">${escapeHtml(r.pipeline)}</td><td><span class="pill ${r.status === "cancelled" ? "grey" : "red"}">${escapeHtml(r.status)}</span></td><td>${link(r.issue.url, `#${r.issue.number}`)} ${escapeHtml(r.issue.title)}</td><td class="reason">${escapeHtml(reason)}</td><td>${link(r.runUrl, "run")}</td></tr>`;
  }).join("");
  return section(
    "failures",
    "Failures",
    `The ${formatInt(m.failures.length)} newest of ${formatInt(m.failureCount)} runs that failed or were cancelled, with the reason the run gave.`,
    `<div class="scroll"><table><thead><tr><th>When</th><th>Pipeline</th><th>Outcome</th><th>Issue</th><th>Reason</th><th>Run</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}
var spreadText = (s, format) => s ? `${format(s.median)} <span class="muted">(${format(s.q1)}\u2013${format(s.q3)})</span>` : "\u2013";
function agents(m) {
  if (m.agents.length === 0) return section("agents", "Time and cost per agent", "", empty("No agent ran yet."));
  const colour = colourOf(m.agents.map((a) => a.agent));
  const rows = m.agents.map(
    (a) => `<tr><th scope="row"><span class="swatch" style="background:${colour(a.agent)}"></span>${escapeHtml(a.agent)}</th><td class="num">${formatInt(a.runs)}</td><td class="num">${formatPercent(a.successes, a.runs)}</td><td class="num">${spreadText(a.durationMs, formatDuration)}</td><td class="num">${spreadText(a.costUsd, formatUsd)}</td><td class="num">${formatUsd(a.totalCostUsd)}</td><td class="num">${formatCompact(a.inputTokens)}</td><td class="num">${formatCompact(a.outputTokens)}</td></tr>`
  ).join("");
  const durations = m.agents.filter((a) => a.durationMs).map((a) => ({ label: a.agent, colour: colour(a.agent), ...a.durationMs }));
  return section(
    "agents",
    "Time and cost per agent",
    "Median, and in brackets the middle half (25th\u201375th percentile), of each agent\u2019s successful runs; answers and reviews alike.",
    `<div class="scroll"><table><thead><tr><th>Agent</th><th class="num">Runs</th><th class="num">Succeeded</th><th class="num">Time</th><th class="num">Cost a run</th><th class="num">Total cost</th><th class="num">Tokens in</th><th class="num">Tokens out</th></tr></thead><tbody>${rows}</tbody></table></div>` + (durations.length ? `<figure><figcaption>Time per run: range, middle half and median</figcaption>${boxPlot("Time per run by agent", durations, formatDuration, niceDurationStep)}</figure>` : "")
  );
}
function cost(m) {
  if (m.totalCostUsd === 0) return section("cost", "Cost", "", empty("No agent reported a cost."));
  const pipelines = colourOf(m.costByMonth.categories);
  const perRun = m.costPerRun;
  return section(
    "cost",
    "Cost per month",
    `What the agents reported spending, by pipeline. A run costs ${perRun ? `${formatUsd(perRun.median)} at the median (middle half ${formatUsd(perRun.q1)}\u2013${formatUsd(perRun.q3)}, most ${formatUsd(perRun.max)})` : "nothing reported"}.`,
    `<figure>${stackedBars("Cost per month by pipeline", m.costByMonth.buckets, seriesBars(m.costByMonth, pipelines), { xLabel: formatBucket, format: formatUsd })}${legend(m.costByMonth.categories.map((c) => ({ label: c, colour: pipelines(c) })))}</figure>`
  );
}
function relay(m) {
  const r = m.relay;
  if (r.runs === 0) return section("relay", "Relay", "", empty("No relay-pipeline run yet."));
  const stages = r.stages.map(
    (s) => `<tr><th scope="row">${escapeHtml(s.stage)}</th><td class="num">${formatInt(s.runs)}</td><td class="num">${formatPercent(s.passed, s.runs)}</td><td><div class="meter" role="img" aria-label="${formatPercent(s.passed, s.runs)} passed"><span style="width:${(100 * s.passed / Math.max(1, s.runs)).toFixed(1)}%"></span></div></td></tr>`
  ).join("");
  const rounds = [...r.rounds].sort(([a], [b]) => a - b);
  return section(
    "relay",
    "Relay",
    `${formatInt(r.runs)} relay runs: ${formatPercent(r.successes, r.runs)} passed every stage, ${formatInt(r.withPullRequest)} opened a pull request, ${formatInt(r.merged)} of those were merged.`,
    `<div class="grid2"><figure><figcaption>Pass rate per stage (every round counted)</figcaption><table><thead><tr><th>Stage</th><th class="num">Runs</th><th class="num">Passed</th><th></th></tr></thead><tbody>${stages}</tbody></table></figure><figure><figcaption>Rounds needed</figcaption>${stackedBars(
      "Relay runs by rounds needed",
      rounds.map(([n]) => String(n)),
      [{ label: "runs", colour: PALETTE[0], values: rounds.map(([, c]) => c) }],
      { height: 200, format: formatInt, xLabel: (c) => `${c} round${c === "1" ? "" : "s"}` }
    )}</figure></div>`
  );
}
function winColour(share) {
  const t = Math.min(1, Math.abs(share - 0.5) * 2);
  const [r, g, b] = share >= 0.5 ? [0, 114, 178] : [213, 94, 0];
  const mix = (c) => Math.round(255 + (c - 255) * t * 0.55);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}
function leaderboard2(m) {
  const lb = m.leaderboard;
  if (lb.ratings.length === 0)
    return section("leaderboard", "Leaderboard", "", empty("No review has ranked two answers yet."));
  const colour = colourOf(lb.ratings.map((r) => r.agent));
  const names = lb.ratings.map((r) => r.agent);
  const table = `<table class="ranks"><thead><tr><th class="num">#</th><th>Agent</th><th class="num">Rating</th><th class="num">95% interval</th><th class="num">Comparisons</th></tr></thead><tbody>${lb.ratings.map(
    (r, i) => `<tr><td class="num">${i + 1}</td><th scope="row"><span class="swatch" style="background:${colour(r.agent)}"></span>${escapeHtml(r.agent)}</th><td class="num strong">${formatInt(r.rating)}</td><td class="num">${formatInt(r.low)}\u2013${formatInt(r.high)}</td><td class="num">${formatInt(r.games)}</td></tr>`
  ).join("")}</tbody></table>`;
  const forest = intervalChart(
    "Ratings with 95% intervals",
    lb.ratings.map((r) => ({ label: r.agent, value: r.rating, low: r.low, high: r.high, colour: colour(r.agent) })),
    formatInt
  );
  const head = `<tr><th scope="col">row beat column</th>${names.map((n) => `<th scope="col">${escapeHtml(n)}</th>`).join("")}</tr>`;
  const body = names.map((a) => {
    const cells = names.map((b) => {
      if (a === b) return '<td class="diag">\u2013</td>';
      const games = lb.table.gamesOf(a, b);
      const won = lb.table.winsOf(a, b);
      const total = won + lb.table.winsOf(b, a);
      if (games === 0 || total === 0) return '<td class="none">\xB7</td>';
      const share = won / total;
      return `<td style="background:${winColour(share)}" title="${escapeHtml(`${a} over ${b}: ${formatPercent(won, total)} of ${games} comparisons (weighted)`)}">${formatPercent(won, total)}<small>${formatInt(games)}</small></td>`;
    });
    return `<tr><th scope="row">${escapeHtml(a)}</th>${cells.join("")}</tr>`;
  }).join("");
  const history = lineChart(
    "Rating over time",
    lb.months.map(formatBucket),
    names.map((n) => ({ label: n, colour: colour(n), values: lb.history.get(n) ?? [] })),
    { fromZero: false, format: formatInt }
  );
  return section(
    "leaderboard",
    "Leaderboard: which AI wins on this repository",
    `A Bradley\u2013Terry rating (Elo scale, mean 1500; 400 points = 10 : 1 odds) fit to the pairwise outcomes of ${formatInt(lb.reviews)} anonymized review rankings. A ranking whose judges disputed a pair (low confidence) counts a quarter, one without a confidence 0.6, a confident one fully; unranked answers tie below the ranked ones.`,
    `<div class="grid2"><div>${table}</div><figure><figcaption>Rating and 95% interval</figcaption>${forest}</figure></div><div class="grid2"><figure><figcaption>Head to head: how often the row\u2019s answer was ranked above the column\u2019s (small: comparisons)</figcaption><div class="scroll"><table class="matrix">${head}${body}</table></div></figure><figure><figcaption>Rating over time (all reviews up to each month\u2019s end)</figcaption>${history}${legend(names.map((n) => ({ label: n, colour: colour(n) })))}</figure></div>`
  );
}
function datasets(m) {
  const d = m.datasets;
  if (d.runs === 0) return section("datasets", "persona-data datasets", "", empty("No persona-data run yet."));
  const formats = [...d.rowsByFormat.keys()].sort();
  const colour = colourOf(formats);
  const totals = formats.map((f) => `<li><strong>${formatInt(d.rowsByFormat.get(f))}</strong> ${escapeHtml(f)}</li>`).join("");
  const recent = d.recent.map(
    (r) => `<tr><td class="nowrap">${formatDate(r.startedAt)}</td><td>${link(r.issue.url, `#${r.issue.number}`)}</td>${formats.map((f) => `<td class="num">${formatInt(r.datasets.rows[f] ?? 0)}</td>`).join("")}<td class="num">${formatInt(r.datasets.kept)} / ${formatInt(r.datasets.personas)}</td><td>${r.datasets.pair ? "yes" : "no"}</td></tr>`
  ).join("");
  return section(
    "datasets",
    "persona-data datasets",
    `${formatInt(d.runs)} runs wrote rows; persona answers kept ${formatInt(d.kept)}, dropped ${formatInt(d.dropped)} (too short, refused, duplicate\u2026); a dpo pair was made in ${formatInt(d.pairsMade)} runs and not in ${formatInt(d.pairsMissing)}.`,
    `<ul class="totals">${totals}</ul><div class="grid2"><figure><figcaption>Rows written, cumulative, by format</figcaption>${lineChart(
      "Dataset growth",
      d.months.map(formatBucket),
      formats.map((f) => ({ label: f, colour: colour(f), values: d.cumulative.get(f) })),
      { format: formatInt }
    )}${legend(formats.map((f) => ({ label: f, colour: colour(f) })))}</figure><figure><figcaption>Newest runs: rows per format, answers kept, dpo pair</figcaption><div class="scroll"><table><thead><tr><th>When</th><th>Issue</th>${formats.map((f) => `<th class="num">${escapeHtml(f)}</th>`).join("")}<th class="num">Kept</th><th>Pair</th></tr></thead><tbody>${recent}</tbody></table></div></figure></div>`
  );
}

// src/dashboard/page.ts
var CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
var CSS = `
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
var NAV = [
  ["runs", "Runs"],
  ["failures", "Failures"],
  ["agents", "Agents"],
  ["cost", "Cost"],
  ["relay", "Relay"],
  ["leaderboard", "Leaderboard"],
  ["datasets", "Datasets"]
];
function renderDashboard(input) {
  const m = buildModel(input);
  const title = input.title ? `AI Orchestra \xB7 ${input.title}` : "AI Orchestra";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><header><h1>${escapeHtml(title)}</h1><p>${formatInt(m.records)} runs${m.first && m.last ? `, ${formatDate(m.first)} \u2013 ${formatDate(m.last)}` : ""} \xB7 built ${formatDate(m.generatedAt)}</p>
<nav aria-label="Sections">${NAV.map(([id, label]) => `<a href="#${id}">${label}</a>`).join("")}</nav></header>
<main>${overview(m)}${runs(m)}${failures(m)}${agents(m)}${cost(m)}${relay(m)}${leaderboard2(m)}${datasets(m)}</main>
<footer>Built by ai-orchestra-action dashboard from the run records on the data branch. No script, no network.</footer>
</body></html>
`;
}

// src/dashboard/command.ts
var DASHBOARD_USAGE = `Usage: ai-orchestra-action dashboard --records <dir|file>... [--pulls <pulls.json>] [--out <dir>] [--title <text>]

  --records  a checkout of the data branch (git worktree add ../data ai-orchestra-data), JSON Lines files of
             records, or a local run's --out folder (its result.json files); may be given several times
  --pulls    the repository's pull requests as GitHub lists them (gh api 'repos/OWNER/REPO/pulls?state=all'
             --paginate > pulls.json), to count the relay's merged pull requests
  --out      folder to write index.html to (default: _site)
  --title    shown in the page's title (default: the repository of the records)`;
function writeDashboard(out, input) {
  mkdirSync(out, { recursive: true });
  const file = join2(out, "index.html");
  const title = input.title ?? [...new Set(input.records.map((r) => r.repository))].join(", ");
  writeFileSync(
    file,
    renderDashboard({ records: input.records, merged: input.merged, now: input.now ?? /* @__PURE__ */ new Date(), title })
  );
  return file;
}
function dashboardCommand(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: "string", multiple: true },
      pulls: { type: "string" },
      out: { type: "string", default: "_site" },
      title: { type: "string" },
      help: { type: "boolean", short: "h", default: false }
    }
  });
  if (values.help || !values.records?.length) {
    console.log(DASHBOARD_USAGE);
    return values.help ? 0 : 2;
  }
  const started = performance.now();
  const { records, skipped } = readLocalRecords(values.records.map((p) => resolve(p)));
  const merged = values.pulls ? mergedPullUrls(JSON.parse(readFileSync2(values.pulls, "utf8"))) : void 0;
  const file = writeDashboard(resolve(values.out ?? "_site"), { records, merged, title: values.title });
  const note = skipped ? ` (${skipped} lines were not records and were skipped)` : "";
  console.log(`dashboard: ${records.length} records \u2192 ${file} in ${Math.round(performance.now() - started)} ms${note}`);
  return 0;
}

export {
  readLocalRecords,
  writeDashboard,
  dashboardCommand
};
