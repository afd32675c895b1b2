// Matrix mode's pure parts: planning units, the unit input, artifact names, merging results, the shared status rows.
import { describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { updateSharedStatus } from '../../src/kernel/matrix/shared-status.js';
import { parseSharedStatus, renderSharedStatus, showsEntry, withEntry } from '../../src/kernel/matrix/status.js';
import {
  matrixOutput,
  mergeUnitResults,
  missingUnitRun,
  parseUnitInput,
  parseUnitResult,
  pickUnitArtifacts,
  planUnits,
  type UnitResult,
  unitArtifactName,
} from '../../src/kernel/matrix/units.js';
import type { AgentRow } from '../../src/kernel/status-views.js';
import { aiReview } from '../../src/pipelines/ai-review/index.js';
import { reviewStatusEntries, runReviewPipeline } from '../../src/pipelines/ai-review/pipeline.js';
import { renderStatusComment } from '../../src/report/status-comment.js';
import type { CommentRef, IssueReporter } from '../../src/sinks/sink.js';
import { FakeRunner } from '../kit/fake-runner.js';
import { kernelStatus } from '../kit/status.js';
import { makeAgentRun, makeIssueText, makeReviewPipeline, makeStatusView } from './builders.js';

const config = defaultConfig();
const review = planUnits(config, 'ai-review');
const personas = planUnits(config, 'persona-data');

describe('planUnits and the matrix output', () => {
  it('one unit per answering agent for ai-review (not the reviewer), one per persona for persona-data', () => {
    expect(review).toEqual({ kind: 'matrix', pipeline: 'ai-review', units: ['claude', 'gemini', 'codex'] });
    expect(personas).toMatchObject({
      kind: 'matrix',
      pipeline: 'persona-data',
      units: ['architect', 'perfectionist', 'pragmatist', 'innovator', 'educator', 'security-expert'],
    });
    expect(matrixOutput(['claude', 'gemini'])).toBe('["claude","gemini"]');
    expect(matrixOutput([])).toBe('[]');
  });

  it('relay-pipeline has no matrix form, with a reason that says to use mode: run', () => {
    const plan = planUnits(config, 'relay-pipeline');
    expect(plan.kind).toBe('none');
    expect(plan.kind === 'none' && plan.reason).toMatch(/no matrix form: run it with mode: run/);
  });
});

describe('parseUnitInput', () => {
  it('takes a name, a JSON string or a matrix entry object', () => {
    expect(parseUnitInput('gemini', review)).toBe('gemini');
    expect(parseUnitInput(' "codex" ', review)).toBe('codex');
    expect(parseUnitInput('{"unit":"claude"}', review)).toBe('claude');
    expect(parseUnitInput('security-expert', personas)).toBe('security-expert');
  });

  it('refuses a missing, malformed or unknown unit, naming the valid ones', () => {
    expect(() => parseUnitInput(undefined, review)).toThrow(/needs the input unit .*claude, gemini, codex/);
    expect(() => parseUnitInput('{"unit":', review)).toThrow(/not valid JSON/);
    expect(() => parseUnitInput('{"name":"claude"}', review)).toThrow(/must name one unit/);
    expect(() => parseUnitInput('["claude"]', review)).toThrow(/must name one unit/);
    // The reviewer is finalize's, not a unit; a persona is not an ai-review unit.
    expect(() => parseUnitInput('architect', review)).toThrow(
      /Unknown unit "architect".*valid units for ai-review: claude, gemini, codex/,
    );
    expect(() => parseUnitInput('claude', personas)).toThrow(/Unknown unit "claude".*persona-data/);
    expect(() => parseUnitInput('claude', planUnits(config, 'relay-pipeline'))).toThrow(/no matrix form/);
  });
});

describe('unit artifacts', () => {
  it('are named by pipeline, issue, unit and attempt; the latest attempt of each unit is picked', () => {
    expect(unitArtifactName('ai-review', 42, 'claude', '1')).toBe(
      'ai-orchestra-ai-review-issue-42-unit-claude-attempt-1',
    );
    const listed = [
      { id: 1, name: unitArtifactName('ai-review', 42, 'claude', '1') },
      { id: 5, name: unitArtifactName('ai-review', 42, 'claude', '2') },
      { id: 2, name: unitArtifactName('ai-review', 42, 'gemini', '1') },
      // Another issue, another pipeline, a unit whose name extends another's, and the datasets: not ours.
      { id: 3, name: unitArtifactName('ai-review', 420, 'codex', '1') },
      { id: 4, name: unitArtifactName('persona-data', 42, 'codex', '1') },
      { id: 6, name: 'ai-orchestra-ai-review-issue-42-unit-codex-2-attempt-1' },
      { id: 7, name: 'persona-data-issue-42' },
    ];
    const picked = pickUnitArtifacts(listed, 'ai-review', 42, ['claude', 'gemini', 'codex']);
    expect([...picked].map(([unit, a]) => [unit, a.id])).toEqual([
      ['claude', 5],
      ['gemini', 2],
    ]);
  });

  it('a downloaded result must be the expected unit of the expected issue and hold a run', () => {
    const result: UnitResult = {
      version: 1,
      pipeline: 'ai-review',
      issue: 42,
      unit: 'claude',
      agent: 'claude',
      run: makeAgentRun(),
    };
    const expected = { pipeline: 'ai-review' as const, issue: 42, unit: 'claude' };
    expect(parseUnitResult(JSON.stringify(result), expected)).toEqual(result);
    expect(() => parseUnitResult(JSON.stringify({ ...result, issue: 7 }), expected)).toThrow(
      /not the result of ai-review unit claude on issue #42/,
    );
    expect(() => parseUnitResult(JSON.stringify({ ...result, run: { agent: 'claude' } }), expected)).toThrow(
      /no agent run/,
    );
    expect(() => parseUnitResult('not json', expected)).toThrow();
  });
});

describe('mergeUnitResults', () => {
  it('keeps the config order; a unit without a result becomes a cancelled run that says why', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const found = new Map<string, UnitResult>([
      [
        'codex',
        {
          version: 1,
          pipeline: 'ai-review',
          issue: 42,
          unit: 'codex',
          agent: 'codex',
          run: makeAgentRun({ agent: 'codex' }),
          commentUrl: 'https://x/c',
        },
      ],
      [
        'claude',
        {
          version: 1,
          pipeline: 'ai-review',
          issue: 42,
          unit: 'claude',
          agent: 'claude',
          run: makeAgentRun({ agent: 'claude', status: 'failure', exitCode: 1 }),
        },
      ],
    ]);
    const units = ['claude', 'gemini', 'codex', 'qwen'].map((u) => ({ unit: u, agent: u, role: 'answer' }));
    const merged = mergeUnitResults(
      units,
      found,
      new Map([['qwen', 'no result: its artifact could not be read']]),
      now,
    );
    expect(merged.runs.map((r) => `${r.agent}:${r.status}`)).toEqual([
      'claude:failure',
      'gemini:cancelled',
      'codex:success',
      'qwen:cancelled',
    ]);
    expect(merged.runs[1]).toMatchObject({
      role: 'answer',
      exitCode: null,
      answer: '',
      error: expect.stringMatching(/^no result: its matrix job failed/),
      finishedAt: now.toISOString(),
    });
    expect([...merged.missing]).toEqual([
      ['gemini', expect.stringMatching(/never ran/)],
      ['qwen', 'no result: its artifact could not be read'],
    ]);
    expect([...merged.commentUrls]).toEqual([['codex', 'https://x/c']]);
  });
});

describe('the shared status comment', () => {
  const view = makeStatusView({
    pipeline: 'ai-review',
    entries: reviewStatusEntries(makeReviewPipeline({ agents: ['claude', 'gemini'], reviewer: 'claude' })),
  });

  it('renders as run mode does, plus one hidden line that carries the rows back', () => {
    const body = renderSharedStatus(view);
    expect(body.startsWith(renderStatusComment(view))).toBe(true);
    expect(body.split('\n').at(-1)).toMatch(/^<!-- ai-orchestra:rows=[A-Za-z0-9_-]+ -->$/);
    expect(parseSharedStatus(body)).toMatchObject({ pipeline: 'ai-review', entries: view.entries, overall: 'running' });
    expect(parseSharedStatus(renderStatusComment(view))).toBeUndefined();
  });

  it('changes one row and keeps the others as read; a finalized or foreign body is left alone', () => {
    const entry = {
      agent: 'gemini',
      role: 'answer',
      state: 'success' as const,
      durationMs: 1200,
      note: 'answer',
      commentUrl: 'https://x/g',
    };
    const body = withEntry(renderSharedStatus(view), entry)!;
    expect(showsEntry(body, entry)).toBe(true);
    expect(parseSharedStatus(body)!.entries.map((e) => `${e.agent}:${e.role}:${e.state}`)).toEqual([
      'claude:answer:pending',
      'gemini:answer:success',
      'claude:reviewer:pending',
    ]);
    expect(body).toContain('⏳ **Running** · 1 of 3 done');
    expect(showsEntry(body, { ...entry, note: 'other' })).toBe(false);
    expect(withEntry(renderStatusComment({ ...view, overall: 'success' }), entry)).toBeUndefined();
    expect(withEntry(renderSharedStatus(view), { ...entry, agent: 'codex' })).toBeUndefined();
    expect(withEntry(undefined, entry)).toBeUndefined();
  });
});

/** One status comment that several units read and write, with reads served late to force lost updates. */
class RacyIssue {
  body: string;
  writes = 0;
  constructor(body: string) {
    this.body = body;
  }
  reporter(readDelay: () => number): IssueReporter {
    return {
      acknowledge: async () => undefined,
      addLabel: async () => undefined,
      upsertComment: async (_key: string, body: string): Promise<CommentRef> => {
        this.writes++;
        this.body = body;
        return {};
      },
      // The body is taken when the read starts and delivered later: a write in between is not seen.
      readComment: async () => {
        const seen = this.body;
        await new Promise((r) => setTimeout(r, readDelay()));
        return seen;
      },
    };
  }
}

describe('updateSharedStatus', () => {
  it('units writing at once all end up in the comment: a row another unit overwrote is written again', async () => {
    const agents = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    const issue = new RacyIssue(
      renderSharedStatus(
        makeStatusView({ entries: reviewStatusEntries(makeReviewPipeline({ agents, reviewer: 'a1' })) }),
      ),
    );
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms / 50));
    // Fake timers: the reads and sleeps interleave by their delays alone, not by how busy the machine is.
    let results: boolean[] = [];
    vi.useFakeTimers();
    try {
      const updates = Promise.all(
        agents.map((agent) =>
          updateSharedStatus(
            { agent, role: 'answer', state: 'success', note: 'answer' },
            { reporter: issue.reporter(() => 5 + random() * 10), sleep, random, warn: () => undefined },
            8,
          ),
        ),
      );
      await vi.runAllTimersAsync();
      results = await updates;
    } finally {
      vi.useRealTimers();
    }
    expect(results).toEqual(agents.map(() => true));
    expect(
      parseSharedStatus(issue.body)!
        .entries.filter((e) => e.state === 'success')
        .map((e) => e.agent),
    ).toEqual(agents);
    // More writes than units: some rows were lost on the way and put back.
    expect(issue.writes).toBeGreaterThan(agents.length);
  });

  it('leaves a finalized status comment alone and never throws', async () => {
    const final = renderStatusComment(makeStatusView({ overall: 'success' }));
    const issue = new RacyIssue(final);
    const warnings: string[] = [];
    const deps = {
      reporter: issue.reporter(() => 0),
      sleep: async () => undefined,
      random: () => 0,
      warn: (m: string) => warnings.push(m),
    };
    expect(await updateSharedStatus({ agent: 'claude', role: 'answer', state: 'success' }, deps)).toBe(false);
    expect(issue.writes).toBe(0);
    const broken = {
      ...deps,
      reporter: { ...deps.reporter, readComment: async () => Promise.reject(new Error('HTTP 502')) },
    };
    expect(await updateSharedStatus({ agent: 'claude', role: 'answer', state: 'success' }, broken)).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/Could not update the status comment: HTTP 502/)]);
  });
});

/** Records every comment write; remembers the latest body per key. */
class RecordingReporter implements IssueReporter {
  readonly bodies = new Map<string, string>();
  readonly order: string[] = [];
  readonly labels: string[] = [];
  reactions = 0;
  async acknowledge(): Promise<void> {
    this.reactions++;
  }
  async upsertComment(key: string, body: string): Promise<CommentRef> {
    this.order.push(key);
    this.bodies.set(key, body);
    return { url: `https://github.com/acme/widgets/issues/42#issuecomment-${key}` };
  }
  async addLabel(name: string): Promise<void> {
    this.labels.push(name);
  }
  async readComment(key: string): Promise<string | undefined> {
    return this.bodies.get(key);
  }
}

describe('finalize through the run-mode pipeline (collected answers)', () => {
  it('runs only the reviewer, numbers the answers in the order they finished, and names the missing unit', async () => {
    const runner = new FakeRunner({
      answer: () => '### Ranking\n1. A — best\n2. B — fine\n\n### Synthesis\nBoth.\n\n### Disagreements\nNone.',
    });
    const reporter = new RecordingReporter();
    const now = new Date('2026-01-01T00:00:00Z');
    const missing = 'no result: its matrix job failed before uploading one, was cancelled, or never ran';
    const issue = makeIssueText();
    const pipeline = makeReviewPipeline({ agents: ['claude', 'gemini', 'codex'], reviewer: 'judge' });
    // The run's time counts from the plan job's start.
    const live = kernelStatus<AgentRow>(aiReview, reporter, pipeline, issue, {
      startedAt: new Date('2025-12-31T23:59:00Z'),
      now: () => now,
    });
    const outcome = await runReviewPipeline(
      {
        issue,
        pipeline,
        processedLabel: 'ai-processed',
        collected: {
          runs: [
            makeAgentRun({ agent: 'claude', finishedAt: '2026-01-01T00:00:09.000Z' }),
            makeAgentRun({ agent: 'gemini', finishedAt: '2026-01-01T00:00:03.000Z' }),
            missingUnitRun('codex', 'answer', missing, now),
          ],
          notes: new Map([['codex', missing]]),
        },
      },
      { runner, reporter, status: live, signal: new AbortController().signal, random: () => 0, warn: () => undefined },
    );
    expect(outcome.status).toBe('success');
    expect(runner.requests.map((r) => `${r.agent}:${r.role}`)).toEqual(['judge:reviewer', 'judge:reviewer']);
    expect(reporter.reactions).toBe(0);
    expect(reporter.bodies.get('agent:gemini')).toMatch(/answer 1 of 3/);
    expect(reporter.bodies.get('agent:claude')).toMatch(/answer 2 of 3/);
    expect(reporter.bodies.has('agent:codex')).toBe(false);
    expect(reporter.bodies.get('review')).toContain(`Left out of this review: **codex** (${missing})`);
    const status = reporter.bodies.get('status')!;
    expect(status).toMatch(/^\| 🚫 \| codex \| answer \| .*no result: its matrix job failed/m);
    // The run's time counts from the plan job's start.
    expect(status).toMatch(/Finished\*\* in 1 min 0 s/);
    expect(reporter.labels).toEqual(['ai-processed']);
  });
});
