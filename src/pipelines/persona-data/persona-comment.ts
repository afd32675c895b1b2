// Renders the persona-data comment (what each persona produced, rows per format, the artifact) and the job summary.
import type { AgentRun } from '../../agents/types.js';
import type { DatasetFormat } from '../../dataset/formats.js';
import type { Verdict } from '../../dataset/screen.js';
import type { PublishResult } from '../../dataset/sink.js';
import { cell, codeBlock, details, formatTokens } from '../../report/markdown.js';
import { formatInteger } from '../../report/numbers.js';

export interface PersonaLine {
  persona: string;
  run: AgentRun;
  verdict: Verdict;
}

export interface WrittenDataset {
  format: DatasetFormat;
  rows: number;
  /** Path of the data file and of its provenance sidecar; absent when the format had no rows (nothing is written). */
  file?: string;
  metaFile?: string;
}

/** The dpo pair as named personas, or why there is none. */
export type PreferenceNote =
  | { made: true; chosen: string; rejected: string; ranking: string[]; reviewer: string }
  | { made: false; reason: string };

export interface PersonaCommentInput {
  lines: PersonaLine[];
  datasets: WrittenDataset[];
  /** The folder as the user knows it, e.g. `training-data`. */
  outputDir: string;
  preference?: PreferenceNote;
  artifact?: PublishResult;
  runUrl?: string;
}

function statusCell(line: PersonaLine): string {
  const { verdict, run } = line;
  if (verdict.kept) return '✅ kept';
  switch (verdict.reason) {
    case 'failed':
      return run.exitCode !== null && run.exitCode !== 0 ? `❌ failed (exit code ${run.exitCode})` : '❌ failed';
    case 'timeout':
      return '⏱️ timed out';
    case 'cancelled':
      return '🚫 cancelled';
    case 'budget':
      return '💰 stopped: budget';
    case 'empty':
      return '⚪ empty answer';
    case 'duplicate':
      return `♻️ duplicate of ${verdict.duplicateOf ?? 'another answer'}`;
  }
}

function personaTable(lines: PersonaLine[]): string[] {
  return [
    '| Persona | Agent | Status | Length | Tokens |',
    '|---|---|---|---:|---|',
    ...lines.map(({ persona, run, verdict }, i) => {
      const agent = `${cell(run.agent)}${run.model ? ` · \`${cell(run.model)}\`` : ''}`;
      const length = verdict.kept ? `${formatInteger(verdict.answer.length)} chars` : '';
      return `| ${cell(persona)} | ${agent} | ${statusCell(lines[i]!)} | ${length} | ${formatTokens(run.usage) ?? ''} |`;
    }),
  ];
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function datasetTable(datasets: WrittenDataset[]): string[] {
  return [
    '| Format | File | Rows |',
    '|---|---|---:|',
    ...datasets.map(
      (d) => `| \`${d.format}\` | ${d.file ? `\`${cell(basename(d.file))}\`` : '_not written: no rows_'} | ${d.rows} |`,
    ),
  ];
}

function artifactLine(artifact: PublishResult | undefined, outputDir: string): string {
  if (!artifact) return `**Files:** \`${outputDir}/\``;
  switch (artifact.status) {
    case 'uploaded':
      return `**Artifact:** ${artifact.url ? `[${artifact.name}](${artifact.url})` : `\`${artifact.name}\``} (also in \`${outputDir}/\` in the workspace)`;
    case 'skipped':
      return `**Artifact:** \`${artifact.name}\` not uploaded: ${artifact.reason}. The files are in \`${outputDir}/\`.`;
    case 'failed':
      return `**Artifact:** ❌ \`${artifact.name}\` could not be uploaded: ${artifact.error}. The files are in \`${outputDir}/\` until the job ends.`;
  }
}

function preferenceLine(note: PreferenceNote): string {
  if (!note.made) return `**Preference pair (dpo):** none, ${note.reason}.`;
  return `**Preference pair (dpo):** chosen **${note.chosen}**, rejected **${note.rejected}**; ${note.reviewer} ranked the anonymized answers ${note.ranking.join(' › ')}.`;
}

function leftOut(lines: PersonaLine[]): string[] {
  const dropped = lines.filter((l) => !l.verdict.kept);
  if (dropped.length === 0) return [];
  const what = dropped.map(
    (l) =>
      `**${l.persona}** (${l.run.agent}): ${statusCell(l).replace(/^\S+ /, '')}${l.run.error ? ` — ${l.run.error}` : ''}`,
  );
  return ['> [!WARNING]', `> Left out of the datasets: ${what.map((w) => cell(w)).join('; ')}.`, ''];
}

function footer(runUrl?: string): string {
  return `<sub>AI Orchestra · persona-data${runUrl ? ` · [workflow run](${runUrl})` : ''}</sub>`;
}

export function renderPersonaComment(input: PersonaCommentInput): string {
  const kept = input.lines.filter((l) => l.verdict.kept).length;
  return [
    `### 🎭 Persona datasets · ${kept} of ${input.lines.length} answers kept`,
    '',
    ...leftOut(input.lines),
    ...personaTable(input.lines),
    '',
    ...datasetTable(input.datasets),
    '',
    ...(input.preference ? [preferenceLine(input.preference), ''] : []),
    artifactLine(input.artifact, input.outputDir),
    '',
    details(
      'How these rows were made',
      [
        'Each persona answered through its CLI with its own system prompt (its style and focus) and the same user prompt: the problem from this issue.',
        'Failed, empty and duplicate answers were dropped; secrets and e-mail addresses were redacted; every line was validated against its format.',
        `Each \`<name>.jsonl\` has a \`<name>.meta.jsonl\` beside it with one provenance line per row, joined by \`id\`.`,
      ].join(' '),
    ),
    '',
    footer(input.runUrl),
  ].join('\n');
}

/** When no persona produced a usable answer: nothing was written, and why. */
export function renderNoPersonaAnswers(lines: PersonaLine[], runUrl?: string): string {
  return [
    '### 🎭 Persona datasets',
    '',
    `❌ No persona produced a usable answer, so no dataset was written.`,
    '',
    ...personaTable(lines),
    '',
    ...lines
      .filter((l) => l.run.outputTail.trim() && !l.verdict.kept)
      .map((l) =>
        details(`Last lines of output: ${l.persona} (${l.run.agent})`, codeBlock(l.run.outputTail.trimEnd())),
      ),
    '',
    footer(runUrl),
  ].join('\n');
}
