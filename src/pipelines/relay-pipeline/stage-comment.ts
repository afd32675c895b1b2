// Renders one relay stage's report comment: verdict, the command's result, the agent's answer or error.

import { codeBlock, details, formatCost, formatDuration, formatTokens } from '../../report/markdown.js';
import { neutralizeAgentMarkdown } from '../../security/sanitize-output.js';
import type { StageExecution } from './model.js';

const STATUS: Record<StageExecution['run']['status'], string> = {
  success: 'answered',
  failure: 'failed',
  timeout: 'timed out',
  cancelled: 'cancelled',
  budget: 'stopped: budget',
};

/** "`DONE` — reason", or what stood in for a verdict ("no verdict", "timed out"). */
export function verdictText(e: StageExecution): string {
  if (e.run.status !== 'success') return STATUS[e.run.status];
  if (!e.verdict?.found) return 'no verdict';
  return e.verdict.word;
}

function verdictLine(e: StageExecution): string {
  if (e.run.status !== 'success') return `**Verdict:** none — the agent ${STATUS[e.run.status]}.`;
  const v = e.verdict;
  if (!v?.found)
    return `**Verdict:** none — ${v?.problem ?? 'no verdict'}. A stage passes only with a final line \`VERDICT: ${e.passWords[0]}\`.`;
  const accepted = e.passWords.includes(v.word);
  const words = e.passWords.map((w) => `\`${w}\``).join(', ');
  return `**Verdict:** \`${v.word}\`${v.reason ? ` — ${v.reason}` : ''}${accepted ? '' : ` (passing needs ${words})`}`;
}

function commandSection(e: StageExecution): string[] {
  const c = e.command;
  if (!c) return [];
  const head = c.ok
    ? `✅ \`${c.argv.join(' ')}\` exited with 0 in ${formatDuration(c.durationMs)}.`
    : `❌ \`${c.argv.join(' ')}\` ${c.error ?? `exited with ${c.exitCode}`}${c.error ? '' : ` in ${formatDuration(c.durationMs)}`}.`;
  return ['', head, '', details('Last lines of its output', codeBlock(c.outputTail || '(no output)'))];
}

/** A path an agent named, as inert code: no backtick, no line break, no control character can break out of it. */
function pathCode(path: string): string {
  return `\`${path.replace(/[\u0000-\u001f\u007f`]/g, '?').slice(0, 300)}\``;
}

/** Paths the write-path policy kept out of the change (protected paths, symlinks leading out, oversized files). */
export function refusedPathsWarning(refused: readonly { path: string; reason: string }[]): string[] {
  if (refused.length === 0) return [];
  return [
    '',
    `> [!WARNING]\n> Not part of the change (refused by AI Orchestra's write policy; a maintainer must make such changes by hand):\n${refused.map((r) => `> - ${pathCode(r.path)}: ${r.reason}`).join('\n')}`,
  ];
}

function changesSection(e: StageExecution): string[] {
  const c = e.changes;
  if (!c) return [];
  const refused = refusedPathsWarning(c.refused ?? []);
  if (refused.length > 0) return [...refused, ...changesSection({ ...e, changes: { ...c, refused: [] } })];
  if (c.empty) return ['', '_The working directory has no changes after this stage._'];
  return ['', details(`Changes so far: ${c.summary}`, codeBlock(c.stat))];
}

/** Changes to agent-CLI configuration are never kept: a later stage's CLI or the `run` command would execute them. */
export function revertedConfigWarning(e: StageExecution): string {
  const paths = e.revertedConfig.map((p) => `\`${p}\``).join(', ');
  return [
    `> [!WARNING]`,
    `> This stage changed agent-CLI configuration (${paths}). AI Orchestra reverted these changes: they can make a later stage's CLI or \`run\` command execute commands (hooks, MCP servers, plugins, environment), so no later stage saw them and they are not in the commit.`,
  ].join('\n');
}

function outcomeLine(e: StageExecution): string {
  if (e.passed) return '✅ **Passed.**';
  const back = e.sentBackTo ? ` The findings go back to **${e.sentBackTo}** for round ${e.round + 1}.` : '';
  return `❌ **Failed:** ${e.reason ?? 'see above'}.${back}`;
}

export function renderStageComment(e: StageExecution, context: { count: number; runUrl?: string }): string {
  const run = e.run;
  const model = run.model ? ` · \`${run.model}\`` : '';
  const took = run.status === 'timeout' ? '' : ` in ${formatDuration(run.durationMs)}`;
  const facts = [
    `${e.write ? 'may edit files' : 'read-only'}`,
    `${STATUS[run.status]}${took}`,
    formatTokens(run.usage),
    formatCost(run.usage),
  ].filter(Boolean);
  const parts = [
    `### 🔁 ${e.stage} · ${e.agent}${model} · round ${e.round}`,
    `<sub>${facts.join(' · ')}</sub>`,
    '',
    verdictLine(e),
    ...commandSection(e),
    '',
    outcomeLine(e),
  ];
  if (e.restored.length > 0) {
    parts.push(
      '',
      `> [!WARNING]\n> The agent changed git metadata (${e.restored.map((p) => `\`${p}\``).join(', ')}); AI Orchestra put it back as it was before the relay.`,
    );
  }
  if (e.revertedConfig.length > 0) parts.push('', revertedConfigWarning(e));
  parts.push(...changesSection(e), '');
  if (run.status === 'success') parts.push('#### Report', '', neutralizeAgentMarkdown(run.answer.trim()));
  else {
    parts.push(`**Error:** ${neutralizeAgentMarkdown(run.error ?? 'unknown error')}`);
    if (run.outputTail.trim()) parts.push('', details('Last lines of output', codeBlock(run.outputTail.trimEnd())));
  }
  const link = context.runUrl ? ` · [workflow run](${context.runUrl})` : '';
  parts.push(
    '',
    `<sub>AI Orchestra · relay-pipeline · stage ${e.index + 1} of ${context.count} · round ${e.round}${link}</sub>`,
  );
  return parts.join('\n');
}
