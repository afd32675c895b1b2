import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  costCell
} from "./chunk-TNPHJUMN.js";
import {
  usageTotalLine
} from "./chunk-MIUJ3WOL.js";
import {
  cell,
  details,
  formatDuration,
  formatTokens,
  neutralizeAgentMarkdown
} from "./chunk-KWI7WEHG.js";
import "./chunk-UI6OCMSN.js";
import "./chunk-ZAUMI6SE.js";

// src/pipelines/persona-data/persona-summary.ts
var SUMMARY_BUDGET = 1e6;
function renderPersonaSummary(input) {
  const rows = input.runs.map(
    (r) => `| ${cell(r.agent)} | ${cell(r.role)} | ${r.status} | ${formatDuration(r.durationMs)} | ${formatTokens(r.usage) ?? ""} | ${costCell(r.usage)} |`
  );
  const total = usageTotalLine(input.runs);
  const head = [
    `## \u{1F3BC} AI Orchestra \xB7 persona-data \xB7 ${input.target}`,
    `**Status:** ${input.status}${input.error ? ` \u2014 ${input.error}` : ""}`,
    "",
    "| Agent | Role | Status | Duration | Tokens | Cost |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    ...total ? [total, ""] : [],
    input.comment ?? "",
    "",
    "### Kept answers"
  ].join("\n");
  let remaining = SUMMARY_BUDGET - head.length - 1e3;
  const answers = input.lines.flatMap((l) => {
    if (!l.verdict.kept) return [];
    const text = l.verdict.answer.length > remaining ? `${l.verdict.answer.slice(0, Math.max(0, remaining))}

_(cut: the job summary is limited to 1 MiB; the dataset files have it all)_` : l.verdict.answer;
    remaining = Math.max(0, remaining - text.length);
    return [details(`${l.persona} (${l.run.agent})`, neutralizeAgentMarkdown(text))];
  });
  return [head, ...answers].join("\n");
}
export {
  renderPersonaSummary
};
