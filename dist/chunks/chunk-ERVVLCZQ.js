import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  usageText
} from "./chunk-MIUJ3WOL.js";
import {
  cell,
  formatDuration
} from "./chunk-KWI7WEHG.js";

// src/report/status-comment.ts
import { createHash } from "node:crypto";
var ICON = {
  pending: "\u{1F553}",
  running: "\u23F3",
  success: "\u2705",
  failure: "\u274C",
  timeout: "\u23F1\uFE0F",
  cancelled: "\u{1F6AB}",
  skipped: "\u23ED\uFE0F",
  budget: "\u{1F4B0}"
};
function formatRunningFor(ms) {
  const s = Math.max(0, Math.floor(ms / 1e3));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}
function runningFor(view) {
  return view.now ? ` for ${formatRunningFor(view.now.getTime() - view.startedAt.getTime())}` : "";
}
function headline(view) {
  const done = view.entries.filter((e) => !["pending", "running"].includes(e.state)).length;
  const elapsed = view.finishedAt ? ` in ${formatDuration(view.finishedAt.getTime() - view.startedAt.getTime())}` : "";
  switch (view.overall) {
    case "running":
      return `\u23F3 **Running${runningFor(view)}** \xB7 ${done} of ${view.entries.length} done`;
    case "success": {
      const failed = view.entries.filter(
        (e) => e.state === "failure" || e.state === "timeout" || e.state === "budget"
      ).length;
      return failed > 0 ? `\u26A0\uFE0F **Finished**${elapsed} \xB7 ${failed} of ${view.entries.length} failed` : `\u2705 **Finished**${elapsed}`;
    }
    case "failure":
      return `\u274C **Failed**${elapsed}`;
    case "cancelled":
      return `\u{1F6AB} **Cancelled**${elapsed}`;
  }
}
var NOTE_LIMIT = 120;
function resultCell(e) {
  const full = e.note ?? (e.state === "success" ? "done" : e.state);
  const text = full.length > NOTE_LIMIT ? `${full.slice(0, NOTE_LIMIT - 1).trimEnd()}\u2026` : full;
  return e.commentUrl ? `[${cell(text)}](${e.commentUrl})` : cell(text);
}
function resultWithUsage(e) {
  const usage = e.usage ? usageText(e.usage) : "";
  return usage ? `${resultCell(e)} \xB7 ${usage}` : resultCell(e);
}
function usageTotals(entries) {
  const used = entries.filter((e) => e.usage !== void 0);
  if (used.length === 0) return void 0;
  const tokens = used.reduce((sum, e) => sum + (e.usage.inputTokens ?? 0) + (e.usage.outputTokens ?? 0), 0);
  const costs = used.map((e) => e.usage.costUsd);
  const unknown = used.some((e) => e.usage.costUsd === void 0 || e.usage.costUnknown) && tokens > 0;
  const cost = costs.reduce((sum, c) => sum + (c ?? 0), 0);
  const text = usageText({
    inputTokens: tokens,
    ...costs.some((c) => c !== void 0) ? { costUsd: cost } : {},
    costUnknown: unknown
  });
  return text ? `**Tokens and cost:** ${text}` : void 0;
}
var FAILED_STATES = ["failure", "timeout", "cancelled", "budget"];
function failureList(view) {
  if (view.overall === "running") return [];
  const failed = view.entries.filter(
    (e) => FAILED_STATES.includes(e.state) && !(view.overall === "cancelled" && e.note === "cancelled")
  );
  if (failed.length === 0) return [];
  const line = (e) => {
    const firstLine = (e.error ?? "").split("\n").find((l) => l.trim())?.trim();
    const note = `${(e.note ?? e.state).split("\n")[0]}${firstLine ? `: ${firstLine}` : ""}`;
    const short = note.length > NOTE_LIMIT ? `${note.slice(0, NOTE_LIMIT - 1).trimEnd()}\u2026` : note;
    return `- ${ICON[e.state]} **${cell(e.agent)}** (${cell(e.role)}): ${cell(short)}${e.commentUrl ? ` \xB7 [details](${e.commentUrl})` : ""}`;
  };
  return ["", "**What failed**", ...failed.map(line)];
}
var LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
function starterToMention(sender) {
  return sender.type === "Bot" || !LOGIN.test(sender.login) ? void 0 : sender.login;
}
function renderMention(view) {
  if (view.overall === "running" || !view.startedBy || !LOGIN.test(view.startedBy)) return void 0;
  const how = { success: "finished", failure: "failed", cancelled: "was cancelled" }[view.overall];
  return `@${view.startedBy}, the ${view.pipeline} run you started ${how}.`;
}
function jobLink(runUrl) {
  return runUrl ? ` \xB7 [job log](${runUrl})` : "";
}
function totalsLines(view) {
  return view.totals && view.overall !== "running" ? ["", `**Total:** ${view.totals}`] : [];
}
var STATE_LINE = /<!-- ai-orchestra:state=(running|success|failure|cancelled) started=(\S+) -->/;
function stateLine(overall, startedAt) {
  return `<!-- ai-orchestra:state=${overall} started=${startedAt.toISOString()} -->`;
}
function parseStatusState(body) {
  const m = STATE_LINE.exec(body);
  return m ? { state: m[1], startedAt: new Date(m[2] ?? "") } : void 0;
}
function renderIssueStamp(issue) {
  const digest = createHash("sha256").update(`${issue.title}

${issue.body}`).digest("hex").slice(0, 12);
  return `issue #${issue.number} text sha256 \`${digest}\``;
}
function renderStartingComment(pipeline, startedAt, runUrl) {
  return [
    stateLine("running", startedAt),
    `### \u{1F3BC} AI Orchestra \xB7 ${pipeline}`,
    `\u23F3 **Starting**\u2026${jobLink(runUrl)}`
  ].join("\n");
}
function renderStatusComment(view) {
  const rows = view.entries.map(
    (e) => `| ${ICON[e.state]} | ${cell(e.agent)} | ${cell(e.role)} | ${e.durationMs !== void 0 ? formatDuration(e.durationMs) : ""} | ${resultWithUsage(e)} |`
  );
  const footer = [`started ${view.startedAt.toISOString().replace("T", " ").slice(0, 19)} UTC`];
  if (view.issueStamp) footer.push(view.issueStamp);
  return [
    // Read by later runs to refuse a concurrent start on the same issue.
    stateLine(view.overall, view.startedAt),
    `### \u{1F3BC} AI Orchestra \xB7 ${view.pipeline}`,
    `${headline(view)}${jobLink(view.runUrl)}`,
    ...totalsLines(view),
    ...view.notice ? ["", view.notice] : [],
    ...view.message ? ["", view.message] : [],
    "",
    "| | Agent | Role | Time | Result |",
    "|---|---|---|---|---|",
    ...rows,
    ...failureList(view),
    // Once the run has ended the totals line under the headline says it all; while running, the tokens so far.
    ...[view.totals && view.overall !== "running" ? void 0 : usageTotals(view.entries)].filter((t) => t !== void 0).flatMap((t) => ["", t]),
    ...view.note ? ["", view.note] : [],
    "",
    `<sub>${footer.join(" \xB7 ")}</sub>`
  ].join("\n");
}

export {
  runningFor,
  usageTotals,
  starterToMention,
  renderMention,
  jobLink,
  totalsLines,
  stateLine,
  parseStatusState,
  renderIssueStamp,
  renderStartingComment,
  renderStatusComment
};
