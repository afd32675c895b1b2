// The persona-data pipeline (src/pipelines/personas.ts) with an in-memory agent runner, issue reporter and dataset sink.
import { describe, expect, it } from 'vitest';
import type { DatasetSink, PublishResult } from '../../../src/dataset/sink.js';
import { validateJsonl } from '../../../src/dataset/validate.js';
import type { AgentRow } from '../../../src/kernel/status-views.js';
import { defaultPersonaPipeline, type PersonaPipelineConfig } from '../../../src/pipelines/persona-data/config.js';
import { personaData } from '../../../src/pipelines/persona-data/index.js';
import { type PersonaDeps, runPersonaPipeline } from '../../../src/pipelines/persona-data/pipeline.js';
import { parseStatusState } from '../../../src/report/status-comment.js';
import { Redactor } from '../../../src/security/redact.js';
import { FakeRunner, lettersShown, type RunScript } from '../../kit/fake-runner.js';
import { MemorySink as FakeReporter } from '../../kit/fake-sink.js';
import { kernelStatus } from '../../kit/status.js';
import { makeIssueText } from '../builders.js';

/**
 * Answers by agent (scripts by agent name, or "reviewer" for the judge); the judge ranks the letters it was shown as
 * `rank` gives (default: alphabetically, whatever the order shown); a run that does not succeed says "<agent> broke".
 */
function personaRunner(
  scripts: Record<string, RunScript> = {},
  rank: (letters: string[]) => string[] = (l) => [...l].sort(),
): FakeRunner {
  return new FakeRunner({
    script: (request) => scripts[request.role === 'reviewer' ? 'reviewer' : request.agent],
    answer: (request) =>
      request.role === 'reviewer'
        ? [
            '### Synthesis',
            'x',
            '### Ranking',
            ...rank(lettersShown(request.prompt)).map((l, i) => `${i + 1}. ${l} — why`),
          ].join('\n')
        : `Answer of ${request.agent}.`,
    failure: (request, status) => ({ exitCode: status === 'failure' ? 2 : 0, error: `${request.agent} broke` }),
  });
}

class MemorySink implements DatasetSink {
  readonly dir = '/out/training-data';
  readonly files = new Map<string, string>();
  published?: { name: string; paths: string[] };
  constructor(
    private readonly result: (name: string) => PublishResult = (name) => ({
      status: 'skipped',
      name,
      reason: 'no service',
    }),
  ) {}
  async write(fileName: string, text: string): Promise<string> {
    this.files.set(fileName, text);
    return `${this.dir}/${fileName}`;
  }
  async publish(name: string, paths: string[]): Promise<PublishResult> {
    this.published = { name, paths };
    return this.result(name);
  }
  lines(name: string): any[] {
    return (this.files.get(name) ?? '')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }
}

const PIPELINE: PersonaPipelineConfig = {
  ...defaultPersonaPipeline(),
  reviewer: 'judge',
  personas: [
    { name: 'alpha', agent: 'a1', style: 'Alpha style.', focus: ['one'] },
    { name: 'beta', agent: 'a2', style: 'Beta style.', focus: ['two'] },
    { name: 'gamma', agent: 'a3', style: 'Gamma style.', focus: [] },
  ],
};
const ISSUE = {
  ...makeIssueText({ repository: 'acme/widgets', number: 7, title: 'Slow', body: 'It is slow; ping dev@example.com' }),
  url: 'https://github.com/acme/widgets/issues/7',
};

function setup(
  opts: {
    runner?: FakeRunner;
    reporter?: FakeReporter;
    sink?: MemorySink;
    pipeline?: Partial<PersonaPipelineConfig>;
    signal?: AbortSignal;
    redactor?: Redactor;
    random?: () => number;
  } = {},
) {
  const runner = opts.runner ?? personaRunner();
  const reporter = opts.reporter ?? new FakeReporter();
  const sink = opts.sink ?? new MemorySink();
  const warnings: string[] = [];
  const pipeline = { ...PIPELINE, ...opts.pipeline };
  const deps: PersonaDeps = {
    runner,
    reporter,
    status: kernelStatus<AgentRow>(personaData, reporter, pipeline, ISSUE, {
      startedAt: new Date('2025-01-02T03:04:05Z'),
    }),
    sink,
    redactor: opts.redactor ?? new Redactor(),
    signal: opts.signal ?? new AbortController().signal,
    random: opts.random ?? (() => 0.99), // 0.99: the shuffle keeps the order, A, B, C = alpha, beta, gamma
    warn: (m) => warnings.push(m),
  };
  const run = () =>
    runPersonaPipeline(
      {
        issue: ISSUE,
        pipeline,
        processedLabel: 'ai-processed',
        runUrl: 'https://github.com/acme/widgets/actions/runs/9',
        commitSha: 'abc123',
      },
      deps,
    );
  return { runner, reporter, sink, warnings, run };
}

const file = (format: string, meta = false): string => `acme-widgets-issue-7.${format}${meta ? '.meta' : ''}.jsonl`;

describe('runPersonaPipeline', () => {
  it('runs every persona read-only with its system prompt, writes valid files and pairs the ranked best and worst', async () => {
    const { runner, reporter, sink, run } = setup({
      runner: personaRunner({}, (letters) => [...letters].sort().reverse()),
    });
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'success', error: undefined });
    const answers = runner.requests.filter((r) => r.role !== 'reviewer');
    expect(answers.map((r) => [r.agent, r.role, r.mode])).toEqual([
      ['a1', 'persona-alpha', 'read-only'],
      ['a2', 'persona-beta', 'read-only'],
      ['a3', 'persona-gamma', 'read-only'],
    ]);
    expect(runner.requests.find((r) => r.role === 'reviewer')).toMatchObject({ agent: 'judge', mode: 'read-only' });
    for (const f of ['openai-chat', 'trl-sft', 'dpo'] as const)
      expect(validateJsonl(sink.files.get(file(f))!, f).errors).toEqual([]);
    expect(sink.lines(file('openai-chat'))).toHaveLength(3);
    // Shown as A, B, C; ranked C, B, A: gamma is chosen, alpha rejected.
    expect(sink.lines(file('dpo'))[0]).toMatchObject({
      chosen: [{ content: 'Answer of a3.' }],
      rejected: [{ content: 'Answer of a1.' }],
    });
    expect(sink.lines(file('dpo', true))[0]).toMatchObject({
      chosen: { persona: 'gamma' },
      rejected: { persona: 'alpha' },
      ranking: ['gamma', 'beta', 'alpha'],
      commit_sha: 'abc123',
    });
    // Both orders were ranked, and both put gamma above alpha.
    expect(sink.lines(file('dpo', true))[0]).toMatchObject({
      confidence: {
        level: 'high',
        rankings: 2,
        agreeing: 2,
        orders: [
          ['gamma', 'beta', 'alpha'],
          ['gamma', 'beta', 'alpha'],
        ],
      },
    });
    expect(runner.requests.filter((r) => r.role === 'reviewer')).toHaveLength(2);
    expect(sink.published).toEqual({
      name: 'persona-data-issue-7',
      paths: [...sink.files.keys()].map((n) => `${sink.dir}/${n}`),
    });
    expect(reporter.comments.get('datasets')).toContain('3 of 3 answers kept');
    expect(reporter.comments.get('datasets')).toContain('chosen **gamma**, rejected **alpha**');
    expect(parseStatusState(reporter.comments.get('status')!)?.state).toBe('success');
    expect(reporter.labels).toEqual(['ai-processed']);
  });

  it('shuffles the answers for the reviewer and maps its letters back', async () => {
    // random() = 0 moves the first answer to the end at every step: shown as beta, gamma, alpha.
    const { runner, sink, run } = setup({ random: () => 0 });
    await run();
    const shown = runner.reviewerAnswers();
    expect([...shown.values()]).toEqual(['Answer of a2.', 'Answer of a3.', 'Answer of a1.']);
    // The reviewer ranks A first and C last: beta is chosen, alpha rejected.
    expect(sink.lines(file('dpo'))[0]).toMatchObject({
      chosen: [{ content: 'Answer of a2.' }],
      rejected: [{ content: 'Answer of a1.' }],
    });
    expect(sink.lines(file('dpo', true))[0]).toMatchObject({
      chosen: { persona: 'beta' },
      rejected: { persona: 'alpha' },
    });
  });

  it('drops the pair of a position-biased reviewer (it prefers what it sees first): the two orders disagree', async () => {
    const { runner, reporter, sink, run } = setup({ runner: personaRunner({}, (letters) => letters) });
    const outcome = await run();
    expect(outcome.status).toBe('success');
    const orders = runner.requests
      .filter((r) => r.role === 'reviewer')
      .map((r) => [...r.prompt.matchAll(/^--- BEGIN ANSWER (\S+) ---$/gm)].map((m) => m[1]!));
    expect(orders).toEqual([
      ['A', 'B', 'C'],
      ['C', 'B', 'A'],
    ]);
    expect(sink.files.has(file('dpo'))).toBe(false);
    expect(sink.lines(file('openai-chat'))).toHaveLength(3);
    expect(reporter.comments.get('datasets')).toContain(
      'none, the two orders disagreed on which answer is better (position bias), so the pair was dropped',
    );
  });

  it('does not start a persona the pre-run estimate leaves out of the run budget', async () => {
    const runner = personaRunner();
    runner.plan = () => ({
      run: ['a1', 'a3'],
      left: [
        {
          agent: 'a2',
          index: 1,
          reason: 'the estimate for the whole run (9000 tokens, $0.0500) is over the run budget (max-tokens 8000)',
        },
      ],
      estimates: [],
      note: 'The estimate is over.',
    });
    const { reporter, warnings, run } = setup({ runner });
    const outcome = await run();
    expect(runner.requests.map((r) => r.agent)).not.toContain('a2');
    expect(outcome.runs.find((r) => r.agent === 'a2')).toMatchObject({
      status: 'budget',
      error: expect.stringContaining('not started: the estimate for the whole run') as unknown,
    });
    expect(warnings).toContain('The estimate is over.');
    expect(reporter.comments.get('datasets')).toMatch(/^\| beta \| a2 .*\| 💰 stopped: budget \|/m);
  });

  it('redacts known secrets, token patterns and e-mail addresses in rows and provenance', async () => {
    const { sink, run } = setup({
      runner: personaRunner({
        a1: { answer: 'Use key sekrit-value-123 and ghp_abcdefghijklmnopqrstuvwxyz0123456789, or mail me@corp.io' },
      }),
      redactor: new Redactor(['sekrit-value-123']),
    });
    await run();
    const all = [...sink.files.values()].join('\n');
    expect(all).not.toMatch(/sekrit|ghp_|@corp\.io|dev@example\.com/);
    expect(sink.lines(file('openai-chat'))[0].messages[2].content).toBe(
      'Use key [REDACTED] and [REDACTED], or mail [REDACTED EMAIL]',
    );
    expect(sink.lines(file('openai-chat'))[0].messages[1].content).toBe('Slow\n\nIt is slow; ping [REDACTED EMAIL]');
  });

  it('a failing reviewer fails the run, but the supervised files are written and the dpo file is not', async () => {
    const { reporter, sink, run } = setup({ runner: personaRunner({ reviewer: { status: 'timeout' } }) });
    const outcome = await run();
    expect(outcome.status).toBe('failure');
    expect(outcome.error).toMatch(/^The reviewer judge timed out: judge broke; the dpo file has no pair\.$/);
    expect([...sink.files.keys()].sort()).toEqual(
      [file('openai-chat'), file('openai-chat', true), file('trl-sft'), file('trl-sft', true)].sort(),
    );
    const comment = reporter.comments.get('datasets')!;
    expect(comment).toContain('**Preference pair (dpo):** none, the reviewer judge timed out.');
    expect(comment).toMatch(/^\| `dpo` \| _not written: no rows_ \| 0 \|$/m);
    expect(reporter.labels).toEqual(['ai-processed']);
  });

  it('a ranking of fewer than two answers, or a single kept answer, leaves the pair out without failing', async () => {
    const unranked = setup({ runner: personaRunner({ reviewer: { answer: 'I like them all.' } }) });
    expect((await unranked.run()).status).toBe('success');
    expect(unranked.reporter.comments.get('datasets')).toContain(
      'none, the reviewer judge ranked fewer than two answers',
    );

    const single = setup({ runner: personaRunner({ a2: { status: 'failure' }, a3: { answer: 'Answer of a1.' } }) });
    const outcome = await single.run();
    expect(outcome.status).toBe('success');
    expect(single.runner.requests.map((r) => r.role)).not.toContain('reviewer');
    expect(single.sink.lines(file('openai-chat'))).toHaveLength(1);
    expect(single.reporter.comments.get('datasets')).toContain('none, only one answer was kept, and a pair needs two');
    expect(single.reporter.comments.get('status')).toMatch(
      /^\| ⏭️ \| a3 \| gamma \| .*duplicate of alpha: not written/m,
    );
  });

  it('without dpo there is no reviewer at all', async () => {
    const { runner, reporter, sink, run } = setup({ pipeline: { formats: ['openai-chat'] } });
    expect((await run()).status).toBe('success');
    expect(runner.requests.map((r) => r.role)).not.toContain('reviewer');
    expect(reporter.comments.get('status')).not.toMatch(/reviewer/);
    expect([...sink.files.keys()]).toEqual([file('openai-chat'), file('openai-chat', true)]);
  });

  it('cancellation writes nothing and finalizes the status as cancelled', async () => {
    const abort = new AbortController();
    const { reporter, sink, run } = setup({ runner: personaRunner({ a2: { abort } }), signal: abort.signal });
    const outcome = await run();
    expect(outcome.status).toBe('cancelled');
    expect(sink.files.size).toBe(0);
    expect(parseStatusState(reporter.comments.get('status')!)?.state).toBe('cancelled');
  });

  it('a failed upload or comment fails the run after everything else was done', async () => {
    const upload = setup({
      sink: new MemorySink((name) => ({ status: 'failed', name, error: 'uploading the artifact x failed: 403' })),
    });
    const outcome = await upload.run();
    expect(outcome).toMatchObject({ status: 'failure', error: 'uploading the artifact x failed: 403' });
    expect(upload.reporter.comments.get('datasets')).toContain(
      'could not be uploaded: uploading the artifact x failed: 403',
    );

    const comment = setup({ reporter: new FakeReporter(['datasets']) });
    const result = await comment.run();
    expect(result.status).toBe('failure');
    expect(result.error).toMatch(/Some comments could not be posted .*cannot post datasets/);
    expect(result.comments.get('datasets')).toContain('3 of 3 answers kept');
  });
});
