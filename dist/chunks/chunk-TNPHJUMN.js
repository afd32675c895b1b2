import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  usageTotalLine
} from "./chunk-MIUJ3WOL.js";
import {
  cell,
  details,
  formatDuration
} from "./chunk-KWI7WEHG.js";

// src/report/summary.ts
var SUMMARY_BUDGET = 1e6;
var STATUS_ICON = {
  success: "\u2705",
  failure: "\u274C",
  timeout: "\u23F1\uFE0F",
  cancelled: "\u{1F6AB}",
  budget: "\u{1F4B0}"
};
function costCell(usage) {
  if (usage.costUsd !== void 0)
    return `$${usage.costUsd.toFixed(4)}${usage.costSource === "price-table" ? " (price table)" : ""}`;
  return usage.inputTokens !== void 0 || usage.outputTokens !== void 0 ? "cost unknown" : "";
}
function renderSummary(input) {
  const rows = input.runs.flatMap((run) => [...run.replaced ?? [], run]).map((r) => {
    const u = r.usage;
    const role = r.inPlaceOf ? `${r.role} (in place of ${r.inPlaceOf.agent})` : r.role;
    return `| ${STATUS_ICON[r.status]} ${cell(r.agent)} | ${cell(role)} | ${r.model ? `\`${cell(r.model)}\`` : ""} | ${r.status} | ${formatDuration(r.durationMs)} | ${u.inputTokens ?? ""} | ${u.outputTokens ?? ""} | ${costCell(u)} |`;
  });
  const total = usageTotalLine(input.runs);
  const head = [
    `## \u{1F3BC} AI Orchestra \xB7 ${input.pipeline} \xB7 ${input.target}`,
    `**Status:** ${input.status}${input.error ? ` \u2014 ${input.error}` : ""}`,
    "",
    "| Agent | Role | Model | Status | Duration | Tokens in | Tokens out | Cost |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    ...total ? [total, ""] : []
  ].join("\n");
  const bytes = (text) => Buffer.byteLength(text, "utf8");
  const review = fitBytes(input.comments.get("review") ?? "", SUMMARY_BUDGET / 4);
  const answers = [...input.comments].filter(([key]) => key.startsWith("agent:"));
  let remaining = SUMMARY_BUDGET - bytes(head) - bytes(review) - 200 * (answers.length + 1);
  const blocks = answers.map(([key, body]) => {
    const text = fitBytes(body, Math.max(0, remaining));
    remaining = Math.max(0, remaining - bytes(text));
    return details(`Answer of ${key.slice("agent:".length)}`, text);
  });
  return [head, review, "", "### Answers", ...blocks].join("\n");
}
var CUT_NOTE = "\n\n_(cut: the job summary is limited to 1 MiB; the full text is in result-file)_";
function fitBytes(text, budget) {
  if (Buffer.byteLength(text, "utf8") <= budget) return text;
  const room = Math.max(0, budget - CUT_NOTE.length);
  let end = Math.min(text.length, room);
  while (end > 0 && Buffer.byteLength(text.slice(0, end), "utf8") > room) end = Math.floor(end * 0.9);
  const code = text.charCodeAt(end - 1);
  if (code >= 55296 && code <= 56319) end -= 1;
  return text.slice(0, end) + CUT_NOTE;
}

export {
  costCell,
  renderSummary
};
