// Tests the ai-review pipeline (src/pipelines/review.ts) end to end with an in-memory agent runner and issue reporter.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/kernel/clock.js';
import type { OverallState } from '../../src/kernel/definition.js';
import { LiveStatusComment } from '../../src/kernel/live-status.js';
import { type AgentRow, agentRowsLayout, agentTable } from '../../src/kernel/status-views.js';
import { aiReview } from '../../src/pipelines/ai-review/index.js';
import {
  type PipelineDeps,
  type ReviewInput,
  runReviewPipeline,
  shuffle,
} from '../../src/pipelines/ai-review/pipeline.js';
import { parseStatusState } from '../../src/report/status-comment.js';
import type { CommentRef, IssueReporter } from '../../src/sinks/sink.js';
import { byAgentRole, FakeRunner, failureFields, lettersShown, type RunScript } from '../kit/fake-runner.js';
import { FakeSink } from '../kit/fake-sink.js';
import { kernelStatus } from '../kit/status.js';
import { makeIssueText, makeReviewPipeline } from './builders.js';

/** What the fake runner does for one agent in one role ("claude/answer", "claude/reviewer"). */
interface Script extends RunScript {
  /** A reviewer's answer made from the prompt it got. */
  review?: (prompt: string) => string;
}

// Answers that name no agent, so that any agent name in the reviewer's prompt must have leaked from elsewhere.
const ANSWERS: Record<string, string> = {
  claude: 'Guard the missing name in saveWidget.',
  gemini: 'Default the name to "untitled".',
  codex: 'Validate the form before saving.',
};

/** A position-biased judge: it ranks the answers in the order it was shown them. */
function firstSeenReview(prompt: string): string {
  const letters = lettersShown(prompt);
  return [
    '### Synthesis',
    'Merged.',
    '### Disagreements',
    'None',
    '### Ranking',
    ...letters.map((l, i) => `${i + 1}. ${l} — seen ${i + 1}`),
  ].join('\n');
}

/** A reviewer answer in the fixed form that ranks the letters alphabetically: the same ranking in either order. */
function reviewFor(prompt: string): string {
  const letters = lettersShown(prompt).sort();
  return [
    '### Synthesis',
    `Answer ${letters[0]} is the base.`,
    '### Disagreements',
    'None',
    '### Ranking',
    ...letters.map((l, i) => `${i + 1}. ${l} — reason ${i + 1}`),
  ].join('\n');
}

/**
 * Answers from ANSWERS, a reviewer ranks the letters alphabetically (or as its script's `review` says); a run that
 * does not succeed ends with the last line of its output, and a run's duration is its delay (default 1 s).
 */
function reviewRunner(scripts: Record<string, Script> = {}, signal?: AbortSignal): FakeRunner {
  const script = byAgentRole(scripts);
  return new FakeRunner({
    script,
    signal,
    answer: (request) =>
      request.role === 'reviewer'
        ? ((script(request) as Script | undefined)?.review ?? reviewFor)(request.prompt)
        : (ANSWERS[request.agent] ?? `answer of ${request.agent}`),
    failure: (request, status, run) => ({
      ...failureFields(request, status, run),
      outputTail: 'last line of output\n',
    }),
    fields: (_request, run) => ({ durationMs: run.delayMs ?? 1_000 }),
  });
}

class FakeReporter extends FakeSink {
  override last(key: string): string {
    const all = this.upserts(key);
    expect(all.length, `comment ${key} was written`).toBeGreaterThan(0);
    return all.at(-1)!.body;
  }
}

const T0 = Date.parse('2025-01-02T03:04:05.000Z');

function setup(
  options: {
    scripts?: Record<string, Script>;
    failing?: Record<string, string>;
    random?: () => number;
    controller?: AbortController;
  } = {},
) {
  const controller = options.controller ?? new AbortController();
  const runner = reviewRunner(options.scripts, controller.signal);
  const reporter = new FakeReporter(options.failing);
  const warnings: string[] = [];
  const input: ReviewInput = {
    issue: makeIssueText(),
    pipeline: makeReviewPipeline(),
    processedLabel: 'ai-processed',
    runUrl: 'https://github.test/run/1',
  };
  const warn = (message: string): void => void warnings.push(message);
  const deps: PipelineDeps = {
    runner,
    reporter,
    // The run starts at T0 and finishes 65 s later.
    status: kernelStatus(aiReview, reporter, input.pipeline, input.issue, {
      startedAt: new Date(T0),
      now: () => new Date(T0 + 65_000),
      runUrl: input.runUrl,
      warn,
    }),
    signal: controller.signal,
    random: options.random ?? (() => 0.999),
    warn,
  };
  return { runner, reporter, warnings, deps, input, controller };
}

/** The final status comment must no longer say "running". */
function expectFinalStatus(reporter: FakeReporter, state: 'success' | 'failure' | 'cancelled'): string {
  const body = reporter.last('status');
  expect(parseStatusState(body)?.state).toBe(state);
  expect(body).not.toMatch(/\| [🕓⏳] \|/u);
  return body;
}

describe('runReviewPipeline: every agent answers', () => {
  it('succeeds with one comment per agent, a review, the label, and a finished status', async () => {
    const { runner, reporter, deps, input } = setup();
    const outcome = await runReviewPipeline(input, deps);

    expect(outcome.status).toBe('success');
    expect(outcome.error).toBeUndefined();
    expect(outcome.runs.map((r) => `${r.agent}/${r.role}`)).toEqual([
      'claude/answer',
      'gemini/answer',
      'codex/answer',
      'claude/reviewer',
      'claude/reviewer',
    ]);
    expect(reporter.commentKeys().sort()).toEqual(['agent:claude', 'agent:codex', 'agent:gemini', 'review']);
    for (const key of ['agent:claude', 'agent:gemini', 'agent:codex', 'review'])
      expect(reporter.upserts(key)).toHaveLength(1);
    expect(reporter.labels()).toEqual(['ai-processed']);
    expect([...outcome.comments.keys()].sort()).toEqual(['agent:claude', 'agent:codex', 'agent:gemini', 'review']);

    expect(runner.requests.filter((r) => r.role === 'answer').map((r) => r.agent)).toEqual([
      'claude',
      'gemini',
      'codex',
    ]);
    expect(runner.requests.every((r) => r.mode === 'read-only')).toBe(true);
    expect(new Set(runner.prompts('answer')).size).toBe(1);
    expect(runner.prompts('answer')[0]).toContain('Crash when saving an empty widget');

    const status = expectFinalStatus(reporter, 'success');
    expect(status).toContain('✅ **Finished** in 1 min 5 s');
    expect(status).toMatch(
      /\| ✅ \| claude \| reviewer \| .* \| \[review\]\(https:\/\/github\.test\/o\/r\/issues\/42#review\) \|/,
    );
  });

  it('reports in order: acknowledge, status, answers, review, label, final status', async () => {
    const { reporter, deps, input } = setup();
    await runReviewPipeline(input, deps);
    const sequence = reporter.calls.map((c) => (c.kind === 'upsert' ? c.key : c.kind));
    expect(sequence[0]).toBe('acknowledge');
    expect(sequence[1]).toBe('status');
    const review = sequence.indexOf('review');
    for (const key of ['agent:claude', 'agent:gemini', 'agent:codex'])
      expect(sequence.indexOf(key)).toBeLessThan(review);
    expect(sequence.indexOf('label')).toBeGreaterThan(review);
    expect(sequence.at(-1)).toBe('status');
  });

  it('anonymizes the reviewer prompt: no agent names, only letters', async () => {
    const { runner, deps, input } = setup();
    await runReviewPipeline(input, deps);
    const [prompt] = runner.prompts('reviewer');
    expect(prompt).toBeDefined();
    expect(prompt).not.toMatch(/claude|gemini|codex/i);
    for (const answer of Object.values(ANSWERS)) expect(prompt).toContain(answer);
    expect(prompt!.match(/^--- BEGIN ANSWER [A-C] ---$/gm)).toHaveLength(3);
  });

  it('shuffles the answers with the injected random source, and maps the letters back in the review', async () => {
    // random() = 0 swaps every element with the first: claude, gemini, codex → gemini, codex, claude.
    const shuffled = setup({ random: () => 0 });
    await runReviewPipeline(shuffled.input, shuffled.deps);
    const prompt = shuffled.runner.prompts('reviewer')[0]!;
    expect(prompt).toContain(`--- BEGIN ANSWER A ---\n${ANSWERS.gemini}\n--- END ANSWER A ---`);
    expect(prompt).toContain(`--- BEGIN ANSWER B ---\n${ANSWERS.codex}\n--- END ANSWER B ---`);
    expect(prompt).toContain(`--- BEGIN ANSWER C ---\n${ANSWERS.claude}\n--- END ANSWER C ---`);
    const review = shuffled.reporter.last('review');
    expect(review).toContain('A = gemini, B = codex, C = claude');
    expect(review).toMatch(/\| 🥇 \| \[gemini\]\([^)]*\) \| A \| 5 words \| high \| reason 1 \|/);
    expect(review).toContain('Answer A (gemini) is the base.');
    // The second ranking sees the same answers in reverse order.
    const reversed = shuffled.runner.prompts('reviewer')[1]!;
    expect(reversed.indexOf('--- BEGIN ANSWER C ---')).toBeLessThan(reversed.indexOf('--- BEGIN ANSWER A ---'));

    // random() just below 1 keeps the configured order.
    const kept = setup({ random: () => 0.999 });
    await runReviewPipeline(kept.input, kept.deps);
    expect(kept.runner.prompts('reviewer')[0]).toContain(`--- BEGIN ANSWER A ---\n${ANSWERS.claude}\n`);
    expect(kept.reporter.last('review')).toContain('A = claude, B = gemini, C = codex');
  });

  it('numbers the answer comments in the order the agents finish', async () => {
    const { reporter, deps, input } = setup({
      scripts: { 'claude/answer': { delayMs: 40 }, 'gemini/answer': { delayMs: 1 }, 'codex/answer': { delayMs: 20 } },
    });
    await runReviewPipeline(input, deps);
    expect(reporter.commentKeys().slice(0, 3)).toEqual(['agent:gemini', 'agent:codex', 'agent:claude']);
    expect(reporter.last('agent:gemini')).toContain('answer 1 of 3');
    expect(reporter.last('agent:codex')).toContain('answer 2 of 3');
    expect(reporter.last('agent:claude')).toContain('answer 3 of 3');
  });
});

describe('runReviewPipeline: a fair judge', () => {
  it("shows a position-biased judge's rankings as ties with low confidence, not as its order", async () => {
    const { input, deps, reporter, runner } = setup({ scripts: { 'claude/reviewer': { review: firstSeenReview } } });
    const outcome = await runReviewPipeline(input, deps);
    expect(outcome.status).toBe('success');
    const [shown, reversed] = runner.prompts('reviewer');
    const order = (prompt: string): string[] =>
      [...prompt.matchAll(/^--- BEGIN ANSWER (\S+) ---$/gm)].map((m) => m[1]!);
    expect(order(reversed!)).toEqual([...order(shown!)].reverse());
    const review = reporter.last('review');
    const rows = review.split('\n').filter((line) => /^\| =1 \|/.test(line));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toContain('⚠️ low');
    expect(review).not.toContain('🥇');
    expect(review).toContain('twice, the second time in reverse order');
    expect(review).toContain('Borda count');
  });

  it('tells the judges not to prefer length or position', async () => {
    const { input, deps, runner } = setup();
    await runReviewPipeline(input, deps);
    expect(runner.prompts('reviewer')[0]).toContain('a longer answer is not a better one');
  });
});

describe('runReviewPipeline: failures', () => {
  it('still reviews when one agent fails, and names the failed agent', async () => {
    const { runner, reporter, deps, input } = setup({
      scripts: { 'gemini/answer': { status: 'failure', error: 'gemini exited with code 1' } },
    });
    const outcome = await runReviewPipeline(input, deps);

    expect(outcome.status).toBe('success');
    const prompt = runner.prompts('reviewer')[0]!;
    expect(prompt.match(/^--- BEGIN ANSWER [A-Z] ---$/gm)).toEqual([
      '--- BEGIN ANSWER A ---',
      '--- BEGIN ANSWER B ---',
    ]);
    expect(prompt).not.toContain(ANSWERS.gemini);
    expect(reporter.last('agent:gemini')).toContain('**Error:** gemini exited with code 1');
    const review = reporter.last('review');
    expect(review).toContain('Left out of this review: **gemini** (failed)');
    expect(review).toContain('A = claude, B = codex');
    expect(reporter.labels()).toEqual(['ai-processed']);
    const status = expectFinalStatus(reporter, 'success');
    expect(status).toContain('⚠️ **Finished** in 1 min 5 s · 1 of 4 failed');
    expect(status).toContain('failed (exit code 1)');
  });

  it('fails without calling the reviewer when no agent answers', async () => {
    const { runner, reporter, deps, input } = setup({
      scripts: {
        'claude/answer': { status: 'failure', error: 'no API key' },
        'gemini/answer': { status: 'timeout', error: 'timed out after 600 s' },
        'codex/answer': { status: 'failure', error: 'codex not found' },
      },
    });
    const outcome = await runReviewPipeline(input, deps);

    expect(outcome.status).toBe('failure');
    expect(outcome.error).toBe(
      'No agent answered: claude: no API key; gemini: timed out after 600 s; codex: codex not found',
    );
    expect(runner.requests.some((r) => r.role === 'reviewer')).toBe(false);
    expect(outcome.runs).toHaveLength(3);
    const review = reporter.last('review');
    expect(review).toContain('No agent answered, so there is nothing to review');
    expect(review).toContain('**gemini** timed out (timed out after 600 s)');
    const status = expectFinalStatus(reporter, 'failure');
    expect(status).toContain('❌ **Failed** in 1 min 5 s');
    expect(status).toContain('**No agent answered: claude: no API key');
    expect(status).toMatch(/\| ⏭️ \| claude \| reviewer \| {2}\| \[?no answers to review/);
  });

  it('fails with a review-failure comment when the reviewer fails', async () => {
    const { reporter, deps, input } = setup({
      scripts: { 'claude/reviewer': { status: 'failure', error: 'claude exited with code 1' } },
    });
    const outcome = await runReviewPipeline(input, deps);

    expect(outcome.status).toBe('failure');
    expect(outcome.error).toBe('The reviewer claude failed: claude exited with code 1');
    expect(outcome.runs.at(-1)).toMatchObject({ agent: 'claude', role: 'reviewer', status: 'failure' });
    const review = reporter.last('review');
    expect(review).toContain('❌ The reviewer could not review the 3 answers above: claude exited with code 1');
    expect(review).toContain('last line of output');
    for (const key of ['agent:claude', 'agent:gemini', 'agent:codex']) expect(reporter.upserts(key)).toHaveLength(1);
    const status = expectFinalStatus(reporter, 'failure');
    expect(status).toContain('**The reviewer claude failed: claude exited with code 1**');
    expect(status).toMatch(/\| ❌ \| claude \| reviewer \| .* \| \[failed \(exit code 1\)\]\(/);
  });

  it('posts the other comments when one cannot be posted, and fails naming that comment', async () => {
    const { reporter, deps, input } = setup({ failing: { 'agent:gemini': 'HTTP 502: Bad Gateway' } });
    const outcome = await runReviewPipeline(input, deps);

    expect(outcome.status).toBe('failure');
    expect(outcome.error).toBe(
      'Some comments could not be posted (their text is in the job summary and result-file): comment agent:gemini: HTTP 502: Bad Gateway',
    );
    for (const key of ['agent:claude', 'agent:codex', 'review']) expect(reporter.upserts(key)).toHaveLength(1);
    // The text is kept for the job summary and result-file even though the post failed.
    expect(outcome.comments.get('agent:gemini')).toContain(ANSWERS.gemini);
    // The review links the comments that exist, and names gemini without a link.
    const review = reporter.last('review');
    expect(review).toContain('[claude](https://github.test/o/r/issues/42#agent:claude)');
    expect(review).not.toContain('[gemini](');
    expect(reporter.labels()).toEqual(['ai-processed']);
    const status = expectFinalStatus(reporter, 'failure');
    expect(status).toContain('comment agent:gemini: HTTP 502: Bad Gateway');
  });

  it('only warns when the status comment cannot be written', async () => {
    const { reporter, warnings, deps, input } = setup({ failing: { status: 'HTTP 500' } });
    const outcome = await runReviewPipeline(input, deps);
    expect(outcome.status).toBe('success');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w === 'Could not update the status comment: HTTP 500')).toBe(true);
    expect(reporter.upserts('review')).toHaveLength(1);
  });

  it('fails and still finalizes the status when the runner throws', async () => {
    const { reporter, deps, input } = setup({ scripts: { 'codex/answer': { throws: 'spawn EACCES' } } });
    const outcome = await runReviewPipeline(input, deps);
    expect(outcome.status).toBe('failure');
    expect(outcome.error).toBe('spawn EACCES');
    expect(reporter.labels()).toEqual([]);
    const status = expectFinalStatus(reporter, 'failure');
    expect(status).toContain('**spawn EACCES**');
  });
});

describe('runReviewPipeline: cancellation', () => {
  it('stops after the answers when the workflow is cancelled, and finalizes the status as cancelled', async () => {
    const controller = new AbortController();
    const { runner, reporter, deps, input } = setup({
      controller,
      scripts: {
        'claude/answer': { delayMs: 5_000 },
        'gemini/answer': { delayMs: 5_000 },
        'codex/answer': { delayMs: 5_000 },
      },
    });
    const pending = runReviewPipeline(input, deps);
    setTimeout(() => controller.abort(), 20);
    const outcome = await pending;

    expect(outcome.status).toBe('cancelled');
    expect(outcome.error).toBe('The workflow was cancelled.');
    expect(outcome.runs.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(runner.requests.some((r) => r.role === 'reviewer')).toBe(false);
    // Cancelled runs get no comment of their own, and the issue is not marked as processed.
    expect(reporter.commentKeys()).toEqual([]);
    expect(reporter.labels()).toEqual([]);
    const status = expectFinalStatus(reporter, 'cancelled');
    expect(status).toContain('🚫 **Cancelled** in 1 min 5 s');
    expect(status).toMatch(/\| 🚫 \| claude \| reviewer \| {2}\| waits for the answers \|/);
    expect(status.match(/\| 🚫 \| \w+ \| answer \|/g)).toHaveLength(3);
  });

  it('ends as cancelled when the workflow is cancelled during the review', async () => {
    const controller = new AbortController();
    const { reporter, deps, input } = setup({ controller, scripts: { 'claude/reviewer': { delayMs: 5_000 } } });
    const pending = runReviewPipeline(input, deps);
    const started = Date.now();
    while (!reporter.upserts('agent:codex').length && Date.now() - started < 2_000)
      await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const outcome = await pending;

    expect(outcome.status).toBe('cancelled');
    expect(outcome.runs.at(-1)).toMatchObject({ role: 'reviewer', status: 'cancelled' });
    expect(reporter.last('review')).toContain('could not review the 3 answers');
    expectFinalStatus(reporter, 'cancelled');
  });
});

describe('shuffle', () => {
  it('returns a permutation without changing its input', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    let seed = 7;
    const random = (): number => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const out = shuffle(items, random);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...out].sort()).toEqual(items);
  });

  it('is driven only by the random source', () => {
    expect(shuffle(['a', 'b', 'c'], () => 0)).toEqual(['b', 'c', 'a']);
    expect(shuffle(['a', 'b', 'c'], () => 0.999)).toEqual(['a', 'b', 'c']);
    expect(shuffle([], () => 0)).toEqual([]);
  });
});

describe('the agent table of the live status comment', () => {
  function board(reporter: IssueReporter, errors: unknown[] = []) {
    const rows = (): AgentRow[] => [
      { agent: 'claude', role: 'answer', state: 'pending' },
      { agent: 'gemini', role: 'answer', state: 'pending' },
      { agent: 'claude', role: 'reviewer', state: 'pending', note: 'waits for the answers' },
    ];
    const live = new LiveStatusComment(
      reporter,
      agentRowsLayout(rows),
      undefined,
      { pipeline: 'ai-review', startedAt: new Date(T0) },
      { clock: systemClock, onWriteError: (error) => errors.push(error) },
    );
    return {
      update: agentTable(live).update,
      flush: () => live.flush(),
      finish: (overall: Exclude<OverallState, 'running'>, at: Date, message?: string) =>
        live.finish(overall, message, at),
    };
  }

  it('coalesces changes made while a write is in flight, and writes the latest state last', async () => {
    const reporter = new FakeReporter();
    const b = board(reporter);
    b.update('claude', 'answer', { state: 'running' });
    b.update('gemini', 'answer', { state: 'running' });
    b.update('claude', 'answer', { state: 'success', note: 'answer' });
    await b.flush();
    expect(reporter.upserts('status').length).toBeGreaterThanOrEqual(1);
    expect(reporter.upserts('status').length).toBeLessThan(3);
    expect(reporter.last('status')).toContain('| ✅ | claude | answer |  | answer |');
    expect(reporter.last('status')).toContain('| ⏳ | gemini | answer |');
  });

  it('writes a change made just as the previous write finishes (no lost final state)', async () => {
    for (let gap = 0; gap < 6; gap++) {
      const reporter = new FakeReporter();
      const b = board(reporter);
      b.update('claude', 'answer', { state: 'running' });
      for (let i = 0; i < gap; i++) await Promise.resolve();
      await b.finish('success', new Date(T0 + 1_000));
      expect(parseStatusState(reporter.last('status'))?.state, `after ${gap} microtasks`).toBe('success');
    }
  });

  it('marks entries still open when it finishes: skipped on success or failure, cancelled on cancel', async () => {
    const done = new FakeReporter();
    const b = board(done);
    b.update('claude', 'answer', { state: 'success' });
    b.update('gemini', 'answer', { state: 'running', note: 'running' });
    await b.finish('failure', new Date(T0 + 1_000), '**boom**');
    const body = done.last('status');
    expect(body).toContain('| ⏭️ | gemini | answer |  | running |');
    expect(body).toContain('| ⏭️ | claude | reviewer |  | waits for the answers |');
    expect(body).toContain('❌ **Failed** in 1.0 s\n\n**boom**');

    const cancelled = new FakeReporter();
    await board(cancelled).finish('cancelled', new Date(T0 + 1_000));
    expect(cancelled.last('status')).toContain('| 🚫 | claude | answer |  | cancelled |');
  });

  it('ignores changes after it finished, and a second finish', async () => {
    const reporter = new FakeReporter();
    const b = board(reporter);
    await b.finish('success', new Date(T0 + 1_000));
    const writes = reporter.upserts('status').length;
    b.update('claude', 'answer', { state: 'failure' });
    await b.finish('failure', new Date(T0 + 2_000));
    expect(reporter.upserts('status')).toHaveLength(writes);
    expect(parseStatusState(reporter.last('status'))?.state).toBe('success');
  });

  it('cancelled while a write is held back (GitHub spacing), writes the final state at once, then again after it', async () => {
    const stale: (() => void)[] = [];
    const writes: { how: 'queued' | 'now'; body: string }[] = [];
    const reporter: IssueReporter = {
      acknowledge: async () => {},
      addLabel: async () => {},
      upsertComment: (_key, body) => {
        writes.push({ how: 'queued', body });
        // The first write waits until released, as a PATCH queued behind spaced comment creations does.
        return writes.length === 1
          ? new Promise<CommentRef>((resolve) => stale.push(() => resolve({})))
          : Promise.resolve({});
      },
      overwriteCommentNow: async (_key, body) => {
        writes.push({ how: 'now', body });
        return true;
      },
    };
    const b = board(reporter);
    b.update('claude', 'answer', { state: 'running' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // finish does not wait for the held write: it returns once the final state is written past it.
    await b.finish('cancelled', new Date(T0 + 1_000));
    expect(writes.map((w) => w.how)).toEqual(['queued', 'now']);
    expect(parseStatusState(writes[1]!.body)?.state).toBe('cancelled');
    // The held write lands later with the older state; the final state is written once more after it.
    stale[0]!();
    await b.flush();
    expect(writes.map((w) => w.how)).toEqual(['queued', 'now', 'queued']);
    expect(parseStatusState(writes[2]!.body)?.state).toBe('cancelled');
  });

  it('hands write errors to its callback and keeps going', async () => {
    const errors: unknown[] = [];
    const b = board(new FakeReporter({ status: 'HTTP 500' }), errors);
    b.update('claude', 'answer', { state: 'running' });
    await b.finish('success', new Date(T0 + 1_000));
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((e) => e instanceof Error && e.message === 'HTTP 500')).toBe(true);
  });
});
