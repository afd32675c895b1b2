// Renders one agent's answer (or its failure) as an issue comment.
import type { AgentRun } from '../agents/types.js';
import { neutralizeAgentMarkdown } from '../security/sanitize-output.js';
import { codeBlock, details, formatCost, formatDuration, formatTokens } from './markdown.js';

const STATUS_TEXT: Record<AgentRun['status'], string> = {
  success: '✅ answered',
  failure: '❌ failed',
  timeout: '⏱️ timed out',
  cancelled: '🚫 cancelled',
  budget: '💰 stopped: budget',
};

export function agentHeadline(run: AgentRun): string {
  const model = run.model ? ` · \`${run.model}\`` : '';
  return `### 🤖 ${run.agent}${model}`;
}

export function agentFacts(run: AgentRun): string {
  const exit =
    run.status === 'failure' && run.exitCode !== null && run.exitCode !== 0 ? ` (exit code ${run.exitCode})` : '';
  // A timed-out run's duration includes the kill grace; its error states the limit itself.
  const took = run.status === 'timeout' ? '' : ` in ${formatDuration(run.durationMs)}`;
  const facts = [`${STATUS_TEXT[run.status]}${took}${exit}`, formatTokens(run.usage), formatCost(run.usage)];
  return facts.filter(Boolean).join(' · ');
}

/** The answer, or the error and the last lines of output: what an agent's comment or section says below its headline. */
export function agentBody(run: AgentRun): string[] {
  if (run.status === 'success' && run.inPlaceOf)
    return [
      `> Answered by **${run.agent}** in place of **${run.inPlaceOf.agent}**, because ${run.inPlaceOf.reason}.`,
      '',
      neutralizeAgentMarkdown(run.answer.trim()),
    ];
  if (run.status === 'success') return [neutralizeAgentMarkdown(run.answer.trim())];
  const parts = [`**Error:** ${neutralizeAgentMarkdown(run.error ?? 'unknown error')}`];
  if (run.outputTail.trim()) parts.push('', details('Last lines of output', codeBlock(run.outputTail.trimEnd())));
  return parts;
}

export function renderAgentComment(run: AgentRun, context: { index: number; total: number; runUrl?: string }): string {
  const parts = [agentHeadline(run), `<sub>${agentFacts(run)}</sub>`, '', ...agentBody(run)];
  const run_ = context.runUrl ? ` · [workflow run](${context.runUrl})` : '';
  parts.push('', `<sub>AI Orchestra · ai-review · answer ${context.index} of ${context.total}${run_}</sub>`);
  return parts.join('\n');
}
