// Tests settings.comment-mode (answers as sections of shared comments), the pacing of repeated writes, and that the
// reviewer does not wait for the answer comments to be posted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AgentRunner } from '../../src/agents/types.js';
import { parseConfig } from '../../src/config/parse.js';
import { COMMENT_MODES, defaultConfig } from '../../src/config/schema.js';
import { systemClock } from '../../src/kernel/clock.js';
import type { OverallState } from '../../src/kernel/definition.js';
import { LiveStatusComment } from '../../src/kernel/live-status.js';
import { type AgentRow, agentRowsLayout, agentTable } from '../../src/kernel/status-views.js';
import {
  answersKey,
  fitsWith,
  renderAnswerSection,
  renderAnswersComment,
} from '../../src/pipelines/ai-review/answers-comment.js';
import { CombinedAnswers } from '../../src/pipelines/ai-review/combined-answers.js';
import { aiReview } from '../../src/pipelines/ai-review/index.js';
import { type PipelineDeps, type ReviewInput, runReviewPipeline } from '../../src/pipelines/ai-review/pipeline.js';
import { pacingFor } from '../../src/sinks/pacing.js';
import type { CommentRef, IssueReporter } from '../../src/sinks/sink.js';
import { FakeRunner } from '../kit/fake-runner.js';
import { kernelStatus } from '../kit/status.js';
import { makeAgentRun, makeFailedRun } from './builders.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Records every write; a key listed in `gates` waits until the test opens it. */
class RecordingReporter implements IssueReporter {
  readonly writes: { key: string; body: string; at: number }[] = [];
  readonly labels: string[] = [];
  private readonly gates = new Map<string, { open: () => void; opened: Promise<void> }>();

  constructor(
    gated: string[] = [],
    private readonly failing: Record<string, string> = {},
  ) {
    for (const key of gated) {
      let open = (): void => undefined;
      const opened = new Promise<void>((resolve) => (open = resolve));
      this.gates.set(key, { open, opened });
    }
  }

  open(key: string): void {
    this.gates.get(key)?.open();
  }

  async acknowledge(): Promise<void> {}

  async upsertComment(key: string, body: string): Promise<CommentRef> {
    this.writes.push({ key, body, at: Date.now() });
    await this.gates.get(key)?.opened;
    if (this.failing[key]) throw new Error(this.failing[key]);
    return { url: `https://github.test/o/r/issues/42#${key}` };
  }

  async addLabel(name: string): Promise<void> {
    this.labels.push(name);
  }

  keys(): string[] {
    return [...new Set(this.writes.map((w) => w.key))];
  }

  last(key: string): string {
    const body = this.writes.filter((w) => w.key === key).at(-1)?.body;
    expect(body, `comment ${key} was written`).toBeDefined();
    return body!;
  }
}

/** Answers after `delays[<agent>/<role>]` ms (default 1 ms); a reviewer ranks A, B, C in that order. */
function timedRunner(delays: Record<string, number> = {}): FakeRunner {
  return new FakeRunner({
    script: (request) => ({ delayMs: delays[`${request.agent}/${request.role}`] ?? 1 }),
    answer: (request) =>
      request.role === 'reviewer'
        ? '### Synthesis\nAll agree.\n### Disagreements\nNone\n### Ranking\n1. A — best\n2. B — ok\n3. C — ok'
        : `Answer of ${request.agent}.`,
  });
}

function setup(
  reporter: IssueReporter,
  runner: AgentRunner,
  input: Partial<ReviewInput> = {},
): { input: ReviewInput; deps: PipelineDeps } {
  const full: ReviewInput = {
    issue: {
      repository: 'octo-org/widgets',
      number: 42,
      title: 'Crash when saving an empty widget',
      body: 'Saving a widget without a name throws.',
    },
    pipeline: { label: 'ai-review', agents: ['claude', 'gemini', 'codex'], reviewer: 'claude' },
    processedLabel: 'ai-processed',
    runUrl: 'https://github.test/run/1',
    ...input,
  };
  const status = kernelStatus<AgentRow>(aiReview, reporter, full.pipeline, full.issue, {
    startedAt: new Date(),
    now: () => new Date(),
    runUrl: full.runUrl,
  });
  return {
    input: full,
    deps: {
      runner,
      reporter,
      status,
      signal: new AbortController().signal,
      random: () => 0.999,
      warn: () => undefined,
    },
  };
}

describe('answers as sections of one comment', () => {
  it('renders each answer as a numbered section with its facts, and a footer with the range', () => {
    const sections = [
      renderAnswerSection(makeAgentRun({ agent: 'claude', model: 'opus' }), 1),
      renderAnswerSection(makeFailedRun({ agent: 'codex' }), 2),
    ];
    const body = renderAnswersComment({ part: 1, sections, total: 3, runUrl: 'https://github.test/run/1' });
    expect(body.split('\n')[0]).toBe('### 🤖 Answers');
    expect(body).toContain('#### 1. 🤖 claude · `opus`\n<sub>✅ answered in 12.3 s</sub>\n\nThe answer of claude.');
    expect(body).toContain(
      '#### 2. 🤖 codex\n<sub>❌ failed in 12.3 s (exit code 2)</sub>\n\n**Error:** exited with code 2',
    );
    expect(body).toContain('\n\n---\n\n#### 2.');
    expect(body.split('\n').at(-1)).toBe(
      '<sub>AI Orchestra · ai-review · answers 1–2 of 3 · [workflow run](https://github.test/run/1)</sub>',
    );
    expect(renderAnswersComment({ part: 2, sections: sections.slice(1), total: 3 })).toMatch(
      /^### 🤖 Answers \(continued\)\n[\s\S]*answer 2 of 3<\/sub>$/,
    );
    expect([1, 2, 3].map(answersKey)).toEqual(['answers', 'answers-2', 'answers-3']);
  });

  it('fits sections up to the budget; a lone section always fits', () => {
    const section = (chars: number, index = 1) => ({ index, text: 'x'.repeat(chars) });
    expect(fitsWith([], section(1_000_000), 100)).toBe(true);
    expect(fitsWith([section(40)], section(40, 2), 100)).toBe(true);
    expect(fitsWith([section(40)], section(60, 2), 100)).toBe(false);
  });

  it('writes answers that arrive during a write in the next write, and resolves each with the comment URL', async () => {
    const writes: string[] = [];
    let release = (): void => undefined;
    const combined = new CombinedAnswers(
      async (key, body) => {
        writes.push(body);
        if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return `url:${key}`;
      },
      { total: 3 },
    );
    const first = combined.add(makeAgentRun({ agent: 'a' }), 1);
    const second = combined.add(makeAgentRun({ agent: 'b' }), 2);
    const third = combined.add(makeAgentRun({ agent: 'c' }), 3);
    await sleep(5);
    expect(writes).toHaveLength(1);
    release();
    expect(await Promise.all([first, second, third])).toEqual(['url:answers', 'url:answers', 'url:answers']);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toMatch(/1\. 🤖 a[\s\S]*2\. 🤖 b[\s\S]*3\. 🤖 c/);
  });

  it('gathers answers that arrive within gatherMs into one write', async () => {
    const writes: string[] = [];
    const combined = new CombinedAnswers(async (key, body) => (writes.push(body), key), { total: 2 }, 30);
    const done = [combined.add(makeAgentRun({ agent: 'a' }), 1)];
    await sleep(5);
    done.push(combined.add(makeAgentRun({ agent: 'b' }), 2));
    await Promise.all(done);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain('answers 1–2 of 2');
  });

  it('starts another comment when an answer would not fit, and resolves undefined when a write fails', async () => {
    const keys: string[] = [];
    const big = 'y'.repeat(40_000);
    const combined = new CombinedAnswers(async (key) => (keys.push(key), key === 'answers-2' ? undefined : key), {
      total: 2,
    });
    const urls = await Promise.all([
      combined.add(makeAgentRun({ agent: 'a', answer: big }), 1),
      combined.add(makeAgentRun({ agent: 'b', answer: big }), 2),
    ]);
    expect(keys).toEqual(['answers', 'answers-2']);
    expect(urls).toEqual(['answers', undefined]);
  });
});

describe('runReviewPipeline with comment-mode: combined', () => {
  it('posts one answers comment instead of one per agent; the summary texts, links and status rows still name each agent', async () => {
    const reporter = new RecordingReporter();
    const { input, deps } = setup(reporter, timedRunner(), { commentMode: 'combined' });
    const outcome = await runReviewPipeline(input, deps);

    expect(outcome.status).toBe('success');
    expect(reporter.keys().filter((k) => k !== 'status')).toEqual(['answers', 'review']);
    const answers = reporter.last('answers');
    for (const agent of ['claude', 'gemini', 'codex']) expect(answers).toContain(`🤖 ${agent}\n`);
    expect(answers).toContain('answers 1–3 of 3');
    // Each answer's own text is kept for the job summary and result-file.
    expect([...outcome.comments.keys()].sort()).toEqual(['agent:claude', 'agent:codex', 'agent:gemini', 'review']);
    expect(reporter.last('review')).toContain('[claude](https://github.test/o/r/issues/42#answers)');
    expect(reporter.last('status')).toMatch(
      /\| ✅ \| gemini \| answer \| .* \| \[answer\]\(https:\/\/github\.test\/o\/r\/issues\/42#answers\) \|/,
    );
    expect(reporter.labels).toEqual(['ai-processed']);
  });

  it('fails naming the answers comment when it cannot be posted, with every answer still in the outcome', async () => {
    const reporter = new RecordingReporter([], { answers: 'HTTP 422: body is too long' });
    const { input, deps } = setup(reporter, timedRunner(), { commentMode: 'combined' });
    const outcome = await runReviewPipeline(input, deps);
    expect(outcome.status).toBe('failure');
    expect(outcome.error).toContain('comment answers: HTTP 422: body is too long');
    expect(outcome.comments.get('agent:codex')).toContain('Answer of codex.');
  });

  it('is not the default', () => {
    expect(defaultConfig().settings.commentMode).toBe('per-agent');
  });
});

describe('runReviewPipeline: the reviewer does not wait for the answer comments', () => {
  it('starts the reviewer while the answers are still being posted, and posts the review after them', async () => {
    const reporter = new RecordingReporter(['agent:claude', 'agent:gemini', 'agent:codex']);
    const runner = timedRunner({ 'claude/reviewer': 20 });
    const { input, deps } = setup(reporter, runner);
    const pending = runReviewPipeline(input, deps);
    const started = Date.now();
    while (!runner.requests.some((r) => r.role === 'reviewer') && Date.now() - started < 2_000) await sleep(2);
    expect(runner.requests.some((r) => r.role === 'reviewer')).toBe(true);
    await sleep(40);
    expect(reporter.keys()).not.toContain('review');
    for (const key of ['agent:claude', 'agent:gemini', 'agent:codex']) reporter.open(key);
    const outcome = await pending;
    expect(outcome.status).toBe('success');
    const keys = reporter.keys();
    for (const key of ['agent:claude', 'agent:gemini', 'agent:codex'])
      expect(keys.indexOf(key)).toBeLessThan(keys.indexOf('review'));
    expect(reporter.last('review')).toContain('[codex](https://github.test/o/r/issues/42#agent:codex)');
  });
});

describe('status comment pacing', () => {
  const board = (reporter: IssueReporter, minIntervalMs: number) => {
    const layout = agentRowsLayout<undefined>(() => [
      { agent: 'a', role: 'answer', state: 'pending' },
      { agent: 'r', role: 'reviewer', state: 'pending' },
    ]);
    const live = new LiveStatusComment(
      reporter,
      layout,
      undefined,
      { pipeline: 'ai-review', startedAt: new Date() },
      { clock: systemClock, minIntervalMs, onWriteError: () => undefined },
    );
    const table = agentTable(live);
    return {
      update: table.update,
      set: table.set,
      finish: (overall: Exclude<OverallState, 'running'>, at: Date) => live.finish(overall, undefined, at),
    };
  };

  it('spaces writes by the interval, but never delays the last one', async () => {
    const reporter = new RecordingReporter();
    const b = board(reporter, 150);
    b.update('a', 'answer', { state: 'running' });
    await sleep(10);
    b.update('a', 'answer', { state: 'success' });
    await sleep(20);
    expect(reporter.writes).toHaveLength(1);
    const finishing = Date.now();
    await b.finish('success', new Date());
    expect(Date.now() - finishing).toBeLessThan(100);
    expect(reporter.writes).toHaveLength(2);
    expect(reporter.last('status')).toContain('| ✅ | a | answer |');
  });

  it('set() changes a row without writing; the next write carries it', async () => {
    const reporter = new RecordingReporter();
    const b = board(reporter, 0);
    b.set('r', 'reviewer', { state: 'success', note: 'review' });
    await sleep(5);
    expect(reporter.writes).toHaveLength(0);
    await b.finish('success', new Date());
    expect(reporter.writes).toHaveLength(1);
    expect(reporter.last('status')).toContain('| ✅ | r | reviewer |  | review |');
  });

  it('takes at most a third of GitHub write slots for the status, and gathers answers for half a slot', () => {
    expect(pacingFor(1_000)).toEqual({ statusIntervalMs: 3_000, gatherMs: 500 });
    expect(pacingFor(0)).toEqual({ statusIntervalMs: 0, gatherMs: 0 });
  });
});

describe('settings.comment-mode', () => {
  const FILE = '.github/ai-orchestra.yml';

  it('accepts per-agent and combined', () => {
    for (const mode of COMMENT_MODES)
      expect(parseConfig(`settings:\n  comment-mode: ${mode}\n`, FILE).settings.commentMode).toBe(mode);
  });

  it('names the file, line and allowed values for anything else', () => {
    expect(() => parseConfig('settings:\n  max-parallel: 2\n  comment-mode: single\n', FILE)).toThrow(
      `${FILE}:3: settings.comment-mode: must be one of per-agent, combined`,
    );
  });

  it('is documented in the JSON schema with the same values and default', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schema/ai-orchestra.schema.json', import.meta.url), 'utf8'));
    const mode = schema.properties.settings.properties['comment-mode'];
    expect(mode.enum).toEqual([...COMMENT_MODES]);
    expect(mode.default).toBe(defaultConfig().settings.commentMode);
  });
});
