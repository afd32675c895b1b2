// The pr-review run with in-memory ports: who agrees, what the judge drops, what a re-review repeats, what GitHub refuses.
import { describe, expect, it } from 'vitest';
import type { AgentRunRequest } from '../../../../src/agents/types.js';
import { type ReviewState, renderState } from '../../../../src/pipelines/pr-review/fingerprint.js';
import type {
  ChangedFile,
  PullRequestData,
  PullRequestSource,
} from '../../../../src/pipelines/pr-review/pull-request.js';
import {
  InlineRefused,
  latestState,
  type PrReviewSettings,
  type ReviewSink,
  runPrReview,
} from '../../../../src/pipelines/pr-review/run.js';
import { makeAgentRun, makeFailedRun } from '../../builders.js';

const HEAD = 'a'.repeat(40);
const OLD = 'c'.repeat(40);
const PATCH = '@@ -1,3 +1,4 @@\n const list = items;\n-for (i < n - 1)\n+for (i < n)\n+  draw(list[i]);\n }';
const FILES: ChangedFile[] = [{ path: 'src/list.ts', status: 'modified', patch: PATCH }];
const PULL: PullRequestData = {
  repository: 'acme/widgets',
  number: 12,
  title: 'Fix',
  body: 'Fixes #3',
  url: 'https://github.com/acme/widgets/pull/12',
  baseRef: 'main',
  baseSha: 'b'.repeat(40),
  headSha: HEAD,
  files: FILES,
};
const SETTINGS: PrReviewSettings = {
  agents: ['claude', 'gemini', 'codex'],
  judge: 'claude',
  minAgreement: 2,
  minSeverity: 'medium',
  requestChangesOnCritical: false,
  maxDiffBytes: 100_000,
};

const findings = (...list: object[]): string =>
  `Done.\n\`\`\`ai-orchestra-findings\n${JSON.stringify({ summary: 'ok', findings: list })}\n\`\`\``;
const offByOne = {
  path: 'src/list.ts',
  line: 3,
  severity: 'high',
  title: 'Draw outside the loop body',
  body: 'draw is called for an index past the end.',
};
const naming = {
  path: 'src/list.ts',
  line: 1,
  severity: 'medium',
  title: 'Rename list variable',
  body: 'list shadows the module name.',
};
const verdicts = (...v: [string, string][]): string =>
  `\`\`\`ai-orchestra-verdicts\n${JSON.stringify({ verdicts: v.map(([group, verdict]) => ({ group, verdict, reason: 'because' })) })}\n\`\`\``;

function harness(
  answers: Record<string, string | ((req: AgentRunRequest) => string)>,
  over: { earlier?: ReviewState; compare?: ChangedFile[]; refuse?: boolean; fail?: string[] } = {},
) {
  const prompts: AgentRunRequest[] = [];
  const posted: Parameters<ReviewSink['post']>[0][] = [];
  const rows: [string, string, string, string?][] = [];
  const source: PullRequestSource = {
    pull: async () => PULL,
    compare: async () => over.compare,
    contents: async (path) =>
      path === 'src/list.ts' ? 'const list = items;\nfor (i < n)\n  draw(list[i]);\n}\n' : undefined,
  };
  const sink: ReviewSink = {
    earlierReviews: async () =>
      over.earlier ? [{ body: 'not ours' }, { body: renderState(over.earlier), commitId: over.earlier.head }] : [],
    post: async (review) => {
      posted.push(review);
      if (over.refuse && review.comments.length) throw new InlineRefused('Line could not be resolved');
      return { url: 'https://github.com/acme/widgets/pull/12#pullrequestreview-1' };
    },
  };
  const runner = {
    run: async (req: AgentRunRequest) => {
      prompts.push(req);
      req.onStart?.();
      if (over.fail?.includes(req.agent) && req.role === 'review')
        return makeFailedRun({ agent: req.agent, role: req.role });
      const answer = answers[`${req.agent}:${req.role}`] ?? answers[req.agent] ?? findings();
      return makeAgentRun({
        agent: req.agent,
        role: req.role,
        answer: typeof answer === 'function' ? answer(req) : answer,
      });
    },
  };
  const status = {
    update: (agent: string, role: string, p: { state: string; note?: string }) =>
      void rows.push([agent, role, p.state, p.note]),
  };
  const run = (settings = SETTINGS) =>
    runPrReview(settings, { runner, source, sink, status, signal: new AbortController().signal });
  return { run, prompts, posted, rows };
}

describe('runPrReview', () => {
  it('two of three agents flag the same line: one inline comment naming both; one alone: only in the body', async () => {
    const h = harness({
      claude: findings(offByOne),
      gemini: findings({ ...offByOne, title: 'Draw called past the end of the loop' }),
      codex: findings(naming),
      'claude:judge': verdicts(['G1', 'valid'], ['G2', 'valid']),
    });
    const result = await h.run();
    expect(result.status).toBe('success');
    expect(h.posted).toHaveLength(1);
    const [review] = h.posted;
    expect(review!.event).toBe('COMMENT');
    expect(review!.commitId).toBe(HEAD);
    expect(review!.comments).toHaveLength(1);
    expect(review!.comments[0]).toMatchObject({ path: 'src/list.ts', line: 3, side: 'RIGHT' });
    expect(review!.comments[0]!.body).toContain('Found by **claude** and **gemini** · judged valid');
    expect(review!.body).toContain(
      '- `src/list.ts:1` **Rename list variable** — found by codex · found by 1 agent, 2 needed to agree',
    );
    expect(result.review).toMatchObject({ inline: 1, inBody: 1, event: 'COMMENT' });
    // Every agent reviewed read-only; the judge saw no names.
    expect(h.prompts.every((p) => p.mode === 'read-only')).toBe(true);
    const judge = h.prompts.find((p) => p.role === 'judge')!;
    expect(judge.prompt).not.toMatch(/gemini|codex/);
    // The full text of the changed file went with the diff.
    expect(h.prompts[0]!.prompt).toContain('Full text at the head commit:\nconst list = items;');
  });

  it('a group judged invalid is not inline', async () => {
    const h = harness({
      claude: findings(offByOne),
      gemini: findings(offByOne),
      codex: findings(),
      'claude:judge': verdicts(['G1', 'invalid']),
    });
    await h.run();
    expect(h.posted[0]!.comments).toEqual([]);
    expect(h.posted[0]!.body).toContain('judged invalid: because');
  });

  it('nobody finds anything: no judge run, one line', async () => {
    const h = harness({});
    const result = await h.run();
    expect(h.prompts.map((p) => p.role)).toEqual(['review', 'review', 'review']);
    expect(result.review!.body).toContain(
      '✅ No findings: claude, gemini and codex reviewed 1 file and found nothing to report.',
    );
    expect(h.rows).toContainEqual(['claude', 'judge', 'skipped', 'nothing to judge']);
  });

  it('one agent answered: its findings alone are inline; prose and failures are noted', async () => {
    const h = harness({ claude: findings(offByOne), gemini: 'I think it is fine.' }, { fail: ['codex'] });
    const result = await h.run({ ...SETTINGS, judge: undefined });
    expect(h.posted[0]!.comments).toHaveLength(0);
    expect(h.posted[0]!.body).toContain('⚠️ **gemini** answered without a valid findings block');
    expect(h.posted[0]!.body).toContain('❌ **codex** failed');
    expect(result.agents.map((a) => a.kind)).toEqual(['findings', 'prose', 'failed']);

    const alone = harness({ claude: findings(offByOne) }, { fail: ['gemini', 'codex'] });
    await alone.run({ ...SETTINGS, judge: undefined });
    expect(alone.posted[0]!.comments).toHaveLength(1);
  });

  it('every agent failed: no review, a failure', async () => {
    const h = harness({}, { fail: ['claude', 'gemini', 'codex'] });
    const result = await h.run();
    expect(result.status).toBe('failure');
    expect(result.error).toMatch(/^No agent reviewed/);
    expect(h.posted).toEqual([]);
  });

  it('re-review: only the new commits are shown, a finding posted before at unchanged lines is not repeated, touched ones are named', async () => {
    const earlier: ReviewState = {
      head: OLD,
      findings: [
        { fp: 'x1', path: 'src/list.ts', line: 3, endLine: 3, severity: 'high', title: 'Draw outside the loop body' },
        { fp: 'x2', path: 'src/list.ts', line: 1, endLine: 1, severity: 'low', title: 'Old naming' },
      ],
    };
    const compare: ChangedFile[] = [
      {
        path: 'src/list.ts',
        status: 'modified',
        patch: '@@ -1,1 +1,1 @@\n-const list = items;\n+const list = items ?? [];',
      },
      { path: 'vendor/merged-from-main.ts', status: 'added', patch: '@@ -0,0 +1 @@\n+x' },
    ];
    const h = harness({ claude: findings(offByOne), gemini: findings(offByOne) }, { earlier, compare });
    const result = await h.run({ ...SETTINGS, judge: undefined });
    expect(h.prompts[0]!.prompt).toContain(`since the last review (${OLD.slice(0, 12)}…`);
    expect(h.prompts[0]!.prompt).toContain('   1 + const list = items ?? [];');
    expect(h.prompts[0]!.prompt).not.toContain('merged-from-main');
    expect(h.posted[0]!.comments).toEqual([]);
    expect(h.posted[0]!.body).toContain('1 finding posted before, at unchanged lines, not repeated');
    expect(h.posted[0]!.body).toContain(
      '**Earlier findings the new commits touched:**\n- `src/list.ts:1` Old naming (low)',
    );
    expect(result.review!.inline).toBe(0);
  });

  it('a state counts only when its head is the commit GitHub says the review is of', () => {
    const state: ReviewState = { head: OLD, findings: [] };
    expect(latestState([{ body: renderState(state), commitId: OLD }])).toEqual(state);
    // Copied into a review of another commit (or one GitHub gives no commit): it cannot skip commit OLD.
    expect(latestState([{ body: renderState(state), commitId: HEAD }])).toBeUndefined();
    expect(latestState([{ body: renderState(state) }])).toBeUndefined();
    expect(
      latestState([
        { body: renderState(state), commitId: OLD },
        { body: renderState({ head: HEAD, findings: [] }), commitId: OLD },
      ]),
    ).toEqual(state);
  });

  it('a force push (no compare) reviews the whole pull request and says so', async () => {
    const h = harness({}, { earlier: { head: OLD, findings: [] }, compare: undefined });
    await h.run();
    expect(h.prompts[0]!.prompt).toContain('the changes of the pull request (main …');
    expect(h.posted[0]!.body).toContain('is no ancestor of the new head (force push?)');
  });

  it('when GitHub refuses the inline comments, the review is posted again with everything in the body', async () => {
    const h = harness({ claude: findings(offByOne), gemini: findings(offByOne) }, { refuse: true });
    const result = await h.run({ ...SETTINGS, judge: undefined, requestChangesOnCritical: true });
    expect(h.posted).toHaveLength(2);
    expect(h.posted[1]!.comments).toEqual([]);
    expect(h.posted[1]!.body).toContain('GitHub refused it inline (Line could not be resolved)');
    expect(result.review).toMatchObject({ inline: 0, inBody: 1 });
  });

  it('a diff over the budget is split: each file needs only the agents that saw it', async () => {
    const big: ChangedFile[] = [
      { path: 'a.ts', status: 'modified', patch: `@@ -1,1 +1,1 @@\n-x\n+${'a'.repeat(60)}` },
      { path: 'b.ts', status: 'modified', patch: `@@ -1,1 +1,1 @@\n-x\n+${'b'.repeat(60)}` },
    ];
    const h = harness({ codex: findings({ path: 'b.ts', line: 1, severity: 'high', title: 'B is wrong', body: 'b' }) });
    const source = { ...PULL, files: big };
    const result = await runPrReview(
      { ...SETTINGS, judge: undefined, maxDiffBytes: 100 },
      {
        runner: {
          run: async (req) =>
            makeAgentRun({
              agent: req.agent,
              role: req.role,
              answer:
                req.agent === 'gemini'
                  ? findings({ path: 'b.ts', line: 1, severity: 'high', title: 'B is wrong', body: 'b' })
                  : findings(),
            }),
        },
        source: { pull: async () => source, compare: async () => undefined, contents: async () => undefined },
        sink: { earlierReviews: async () => [], post: async (r) => (h.posted.push(r), {}) },
        status: { update: () => undefined },
        signal: new AbortController().signal,
      },
    );
    // claude and codex review a.ts, gemini b.ts alone: gemini's finding is inline on its own.
    expect(result.review!.inline).toBe(1);
    expect(h.posted[0]!.comments[0]!.path).toBe('b.ts');
  });
});
