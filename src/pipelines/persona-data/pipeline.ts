// The persona-data pipeline: personas answer one problem in parallel, and their answers become fine-tuning datasets.
import { notStarted } from '../../agents/runner.js';
import type { AgentRun, AgentRunner } from '../../agents/types.js';
import { type AnswerRecord, buildDatasets, type Preference } from '../../dataset/build.js';
import { type DatasetFormat, datasetBaseName, datasetFileNames, toJsonl } from '../../dataset/formats.js';
import { redactEmails, redactEmailsDeep } from '../../dataset/hygiene.js';
import { textSha256 } from '../../dataset/ids.js';
import { screenAnswers } from '../../dataset/screen.js';
import type { DatasetSink, PublishResult } from '../../dataset/sink.js';
import { validateJsonl } from '../../dataset/validate.js';
import { judgeAnswers, preferencePair } from '../../judging/judge-answers.js';
import type { RedactionContract } from '../../kernel/definition.js';
import { anonymize, commentPoster, markCancelled, settleOutcome, startOutcome, statusNote } from '../../kernel/kit.js';
import { type AgentTable, agentTable } from '../../kernel/status-views.js';
import type { IssueText } from '../../prompt/untrusted.js';
import { sumRunUsage } from '../../report/usage.js';
import { sanitizeRecordDeep, sanitizeRecordText } from '../../security/sanitize-output.js';
import type { CollectedAnswers, PipelineDeps, PipelineOutcome } from '../ai-review/pipeline.js';
import type { PersonaPipelineConfig, PersonaSpec } from './config.js';

export { personaStatusEntries } from './config.js';

import {
  type PersonaLine,
  type PreferenceNote,
  renderNoPersonaAnswers,
  renderPersonaComment,
  type WrittenDataset,
} from './persona-comment.js';
import {
  composeAgentPrompt,
  neutralTaskPrompt,
  PERSONA_PROMPT_TEMPLATE,
  personaSystemPrompt,
  problemPrompt,
} from './prompt.js';

export interface PersonaInput {
  issue: IssueText & { url: string };
  pipeline: PersonaPipelineConfig;
  processedLabel: string;
  runUrl?: string;
  commitSha?: string;
  /** Matrix finalize: the personas' runs from their units, in the config's order, instead of running them here. */
  collected?: CollectedAnswers;
}

export interface PersonaDeps extends PipelineDeps {
  sink: DatasetSink;
  /** Known secret values and token patterns: applied to every answer, row and provenance line before writing. */
  redactor: Pick<RedactionContract, 'redact' | 'redactDeep'>;
}

export interface PersonaReport {
  /** The folder the files were written to. */
  dir: string;
  datasets: WrittenDataset[];
  lines: PersonaLine[];
  preference?: PreferenceNote;
  artifact?: PublishResult;
}

export interface PersonaOutcome extends PipelineOutcome {
  report: PersonaReport;
}

interface Context {
  input: PersonaInput;
  deps: PersonaDeps;
  outcome: PersonaOutcome;
  board: AgentTable;
  scrub: (text: string) => string;
}

export function artifactName(issueNumber: number): string {
  return `persona-data-issue-${issueNumber}`;
}

export function runNote(run: AgentRun): string {
  return statusNote(run, 'answered');
}

/**
 * One persona answers the task (`neutralTaskPrompt`: the personas of a run share it, fence and all), read-only.
 * Run mode runs them all at once; a matrix unit runs one.
 */
export function answerAsPersona(
  persona: PersonaSpec,
  task: string,
  runner: AgentRunner,
  onStart: () => void,
): Promise<AgentRun> {
  return runner.run({
    agent: persona.agent,
    prompt: composeAgentPrompt(personaSystemPrompt(persona), task),
    mode: 'read-only',
    role: `persona-${persona.name}`,
    onStart,
  });
}

export async function runPersonaPipeline(input: PersonaInput, deps: PersonaDeps): Promise<PersonaOutcome> {
  const outcome: PersonaOutcome = startOutcome({ report: { dir: deps.sink.dir, datasets: [], lines: [] } });
  // The 👀 only says that the run started: the personas need not wait for it (GitHub spaces writes apart).
  // Matrix finalize: the plan job reacted already.
  const acknowledged = input.collected ? Promise.resolve() : deps.reporter.acknowledge().catch(() => undefined);
  const board = agentTable(deps.status);
  const ctx: Context = {
    input,
    deps,
    outcome,
    board,
    scrub: (text) => redactEmails(sanitizeRecordText(text, deps.redactor)),
  };
  return settleOutcome(outcome, deps, acknowledged, () => produce(ctx));
}

/** Answers, screens, ranks, writes, uploads and reports; sets the outcome's status on the way. */
async function produce(ctx: Context): Promise<void> {
  const { input, deps, outcome } = ctx;
  const poster = commentPoster(deps.reporter, outcome.comments);
  const post = (body: string): Promise<unknown> => poster.post('datasets', body);
  const lines = await answerAsPersonas(ctx);
  outcome.report.lines = lines;
  if (deps.signal.aborted) return void markCancelled(outcome);
  const kept = keptAnswers(ctx, lines);
  if (kept.length === 0) {
    ctx.board.update(input.pipeline.reviewer, 'reviewer', { state: 'skipped', note: 'no answers to rank' });
    await post(renderNoPersonaAnswers(lines, input.runUrl));
    outcome.error = `No persona produced a usable answer: ${lines.map((l) => `${l.persona} (${l.run.agent}): ${l.run.error ?? (l.verdict.kept ? 'kept' : l.verdict.reason)}`).join('; ')}`;
    await deps.reporter.addLabel(input.processedLabel);
    return;
  }
  const preference = input.pipeline.formats.includes('dpo') ? await rankAnswers(ctx, kept) : undefined;
  if (deps.signal.aborted) return void markCancelled(outcome);
  outcome.report.datasets = await writeDatasets(ctx, kept, preference);
  const files = outcome.report.datasets.flatMap((d) => (d.file && d.metaFile ? [d.file, d.metaFile] : []));
  const artifact = await deps.sink.publish(artifactName(input.issue.number), files);
  outcome.report.artifact = artifact;
  const { report } = outcome;
  await post(
    renderPersonaComment({
      lines,
      datasets: report.datasets,
      outputDir: input.pipeline.outputDir,
      preference: report.preference,
      artifact,
      runUrl: input.runUrl,
    }),
  );
  const problems = [
    ...(outcome.error ? [outcome.error] : []),
    ...(artifact.status === 'failed' ? [artifact.error] : []),
    ...[poster.failure()].filter((problem) => problem !== undefined),
  ];
  outcome.status = problems.length === 0 ? 'success' : 'failure';
  outcome.error = problems.length === 0 ? undefined : problems.join(' ');
  await deps.reporter.addLabel(input.processedLabel);
}

/** Every persona answers the same task, concurrently (the runner bounds it by max-parallel), read-only. */
async function answerAsPersonas(ctx: Context): Promise<PersonaLine[]> {
  const { input, deps, board } = ctx;
  const { collected } = input;
  const task = neutralTaskPrompt(input.issue);
  // The pre-run estimate against the run budget: personas that do not fit are not started.
  const judges = input.pipeline.formats.includes('dpo') ? [input.pipeline.reviewer] : [];
  const plan = collected
    ? undefined
    : deps.runner.plan?.({
        answerers: input.pipeline.personas.map((p) => p.agent),
        prompt: task,
        judges,
        judgeRuns: 2,
      });
  if (plan?.note) deps.warn(plan.note);
  const left = new Map(plan?.left.map((l) => [l.index, l.reason]));
  const runs = collected
    ? input.pipeline.personas.map((persona, i) => {
        const run = collected.runs[i]!;
        board.update(persona.agent, persona.name, {
          state: run.status,
          durationMs: run.durationMs,
          note: collected.notes?.get(persona.name) ?? runNote(run),
          usage: run.usage,
          error: run.error,
        });
        return run;
      })
    : await Promise.all(
        input.pipeline.personas.map(async (persona, i) => {
          const over = left.get(i);
          if (over !== undefined) {
            const run = notStarted(
              deps.runner.spec?.(persona.agent) ?? {
                name: persona.agent,
                args: [],
                env: {},
                passEnv: [],
                timeoutSec: 0,
              },
              { agent: persona.agent, prompt: task, mode: 'read-only', role: `persona-${persona.name}` },
              over,
              'budget',
            );
            board.update(persona.agent, persona.name, { state: run.status, note: runNote(run) });
            return run;
          }
          const run = await answerAsPersona(persona, task, deps.runner, () =>
            board.update(persona.agent, persona.name, { state: 'running', note: 'answering' }),
          );
          board.update(persona.agent, persona.name, {
            state: run.status,
            durationMs: run.durationMs,
            note: runNote(run),
            usage: run.usage,
            error: run.error,
          });
          return run;
        }),
      );
  ctx.outcome.runs = [...runs];
  const verdicts = screenAnswers(
    runs.map((run, i) => ({ persona: input.pipeline.personas[i]!.name, status: run.status, answer: run.answer })),
    ctx.scrub,
  );
  return runs.map((run, i) => ({ persona: input.pipeline.personas[i]!.name, run, verdict: verdicts[i]! }));
}

/** The kept answers as dataset records; answers that ran but were dropped are marked on the status board. */
function keptAnswers(ctx: Context, lines: PersonaLine[]): AnswerRecord[] {
  const personas = new Map(ctx.input.pipeline.personas.map((p) => [p.name, p]));
  return lines.flatMap(({ persona, run, verdict }) => {
    if (!verdict.kept) {
      if (run.status === 'success') {
        const note =
          verdict.reason === 'duplicate'
            ? `duplicate of ${verdict.duplicateOf}: not written`
            : 'empty answer: not written';
        ctx.board.update(run.agent, persona, { state: 'skipped', note });
      }
      return [];
    }
    const spec = personas.get(persona)!;
    return [
      {
        persona,
        agent: run.agent,
        cli: run.cli,
        model: run.model,
        cliVersion: run.cliVersion,
        system: ctx.scrub(personaSystemPrompt(spec)),
        answer: verdict.answer,
        durationMs: run.durationMs,
        inputTokens: run.usage.inputTokens,
        outputTokens: run.usage.outputTokens,
        promptSha256: run.promptSha256,
        finishedAt: run.finishedAt,
      },
    ];
  });
}

/**
 * The reviewer ranks the kept answers twice, anonymized, the second time in reverse order (as ai-review's judges do);
 * the aggregate's best and worst make the preference pair, kept only when both orders agree on which of the two is
 * better. A reviewer that fails both times fails the run (the dpo file stays empty); one that ranks fewer than two
 * answers, orders that disagree, or a single kept answer only leave the pair out.
 */
async function rankAnswers(ctx: Context, kept: AnswerRecord[]): Promise<Preference | undefined> {
  const { input, deps, outcome, board } = ctx;
  const { reviewer } = input.pipeline;
  const none = (reason: string): undefined => {
    outcome.report.preference = { made: false, reason };
    return undefined;
  };
  if (kept.length < 2) {
    board.update(reviewer, 'reviewer', { state: 'skipped', note: 'a pair needs two answers' });
    return none('only one answer was kept, and a pair needs two');
  }
  const { candidates, letters } = anonymize(
    kept,
    (answer, letter) => ({ letter, text: answer.answer, vendor: answer.cli }),
    deps.random,
  );
  // One judge ranks every answer, its own vendor's included: a dataset run has no second judge to hand them to.
  const judgement = await judgeAnswers({
    issue: input.issue,
    candidates,
    judges: [{ agent: reviewer, vendor: '' }],
    runner: deps.runner,
    onStart: () => board.update(reviewer, 'reviewer', { state: 'running', note: 'ranking the answers' }),
  });
  const runs = judgement.runs.map((j) => j.run);
  outcome.runs.push(...runs);
  const run = runs.find((r) => r.status === 'success') ?? runs[0]!;
  const usage = sumRunUsage(runs);
  if (run.status !== 'success') {
    board.update(reviewer, 'reviewer', { state: run.status, durationMs: run.durationMs, note: runNote(run), usage });
    outcome.error = `The reviewer ${reviewer} ${runNote(run)}: ${run.error ?? run.status}; the dpo file has no pair.`;
    return none(`the reviewer ${reviewer} ${runNote(run)}`);
  }
  const orders = judgement.rankings.map((r) => r.ranked.map((letter) => letters.get(letter)!.persona));
  const pair = preferencePair(judgement);
  if ('none' in pair) {
    board.update(reviewer, 'reviewer', { state: 'success', durationMs: run.durationMs, note: 'no pair', usage });
    return none(pair.none.startsWith('ranked') ? `the reviewer ${reviewer} ${pair.none}` : pair.none);
  }
  board.update(reviewer, 'reviewer', { state: 'success', durationMs: run.durationMs, note: 'ranked', usage });
  const chosen = letters.get(pair.best)!;
  const rejected = letters.get(pair.worst)!;
  const ranking = judgement.aggregate.rows.filter((r) => r.seenBy > 0).map((r) => letters.get(r.letter)!.persona);
  outcome.report.preference = { made: true, chosen: chosen.persona, rejected: rejected.persona, ranking, reviewer };
  const reviewerRecord = {
    agent: run.agent,
    cli: run.cli,
    model: run.model,
    cliVersion: run.cliVersion,
    durationMs: run.durationMs,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    finishedAt: run.finishedAt,
  };
  const confidence = { level: 'high' as const, rankings: judgement.rankings.length, agreeing: pair.agreeing, orders };
  return { chosen, rejected, ranking, reviewer: reviewerRecord, confidence };
}

/** A line that does not validate is our bug, not data: nothing of that format is written, and the run fails. */
function assertWritable(format: DatasetFormat, data: string, meta: { id: string }[], rows: number): void {
  const report = validateJsonl(data, format);
  const first = report.errors[0];
  if (first)
    throw new Error(
      `Refusing to write an invalid ${format} dataset (a bug in AI Orchestra, please report it): line ${first.line}: ${first.message}`,
    );
  if (meta.length !== rows || new Set(meta.map((m) => m.id)).size !== rows) {
    throw new Error(
      `Refusing to write the ${format} dataset (a bug in AI Orchestra, please report it): its provenance lines do not match its rows one to one`,
    );
  }
}

async function writeDatasets(
  ctx: Context,
  kept: AnswerRecord[],
  preference: Preference | undefined,
): Promise<WrittenDataset[]> {
  const { input, deps } = ctx;
  const built = buildDatasets({
    formats: input.pipeline.formats,
    user: ctx.scrub(problemPrompt(input.issue)),
    answers: kept,
    preference,
    provenance: {
      repository: input.issue.repository,
      issueNumber: input.issue.number,
      issueUrl: input.issue.url,
      runUrl: input.runUrl,
      commitSha: input.commitSha,
      promptTemplateSha256: textSha256(PERSONA_PROMPT_TEMPLATE),
    },
  });
  const base = datasetBaseName(input.issue.repository, input.issue.number);
  // Validate every format before writing any, so a bug leaves no partial dataset behind.
  const texts = built.map((d) => {
    const rows = sanitizeRecordDeep(redactEmailsDeep(d.rows), deps.redactor);
    const meta = sanitizeRecordDeep(redactEmailsDeep(d.meta), deps.redactor);
    const data = toJsonl(rows);
    assertWritable(d.format, data, meta, rows.length);
    return { format: d.format, data, meta: toJsonl(meta), rows: rows.length };
  });
  const written: WrittenDataset[] = [];
  for (const t of texts) {
    // An empty file would only make a trainer fail; the comment says the format had no rows.
    if (t.rows === 0) {
      written.push({ format: t.format, rows: 0 });
      continue;
    }
    const names = datasetFileNames(base, t.format);
    written.push({
      format: t.format,
      rows: t.rows,
      file: await deps.sink.write(names.data, t.data),
      metaFile: await deps.sink.write(names.meta, t.meta),
    });
  }
  return written;
}
