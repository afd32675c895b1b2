import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  codeBlock,
  details,
  formatCost,
  formatDuration,
  formatTokens,
  neutralizeAgentMarkdown
} from "./chunk-KWI7WEHG.js";

// src/report/agent-comment.ts
var STATUS_TEXT = {
  success: "\u2705 answered",
  failure: "\u274C failed",
  timeout: "\u23F1\uFE0F timed out",
  cancelled: "\u{1F6AB} cancelled",
  budget: "\u{1F4B0} stopped: budget"
};
function agentHeadline(run) {
  const model = run.model ? ` \xB7 \`${run.model}\`` : "";
  return `### \u{1F916} ${run.agent}${model}`;
}
function agentFacts(run) {
  const exit = run.status === "failure" && run.exitCode !== null && run.exitCode !== 0 ? ` (exit code ${run.exitCode})` : "";
  const took = run.status === "timeout" ? "" : ` in ${formatDuration(run.durationMs)}`;
  const facts = [`${STATUS_TEXT[run.status]}${took}${exit}`, formatTokens(run.usage), formatCost(run.usage)];
  return facts.filter(Boolean).join(" \xB7 ");
}
function agentBody(run) {
  if (run.status === "success" && run.inPlaceOf)
    return [
      `> Answered by **${run.agent}** in place of **${run.inPlaceOf.agent}**, because ${run.inPlaceOf.reason}.`,
      "",
      neutralizeAgentMarkdown(run.answer.trim())
    ];
  if (run.status === "success") return [neutralizeAgentMarkdown(run.answer.trim())];
  const parts = [`**Error:** ${neutralizeAgentMarkdown(run.error ?? "unknown error")}`];
  if (run.outputTail.trim()) parts.push("", details("Last lines of output", codeBlock(run.outputTail.trimEnd())));
  return parts;
}
function renderAgentComment(run, context) {
  const parts = [agentHeadline(run), `<sub>${agentFacts(run)}</sub>`, "", ...agentBody(run)];
  const run_ = context.runUrl ? ` \xB7 [workflow run](${context.runUrl})` : "";
  parts.push("", `<sub>AI Orchestra \xB7 ai-review \xB7 answer ${context.index} of ${context.total}${run_}</sub>`);
  return parts.join("\n");
}

export {
  agentHeadline,
  agentFacts,
  agentBody,
  renderAgentComment
};
