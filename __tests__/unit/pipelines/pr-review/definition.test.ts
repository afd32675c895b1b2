// The pipeline's definition: its config part, its synchronize trigger, and what it records and summarizes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigReader, RouteEvent } from '../../../../src/kernel/definition.js';
import { defaultPrReviewConfig } from '../../../../src/pipelines/pr-review/config.js';
import { prReview } from '../../../../src/pipelines/pr-review/index.js';
import { makeAgentRun } from '../../builders.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const payload = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(ROOT, '__fixtures__', 'payloads', name), 'utf8'));

/** A reader that fails the way config/load.ts does: with the key path. */
const reader: ConfigReader = {
  fail: (path, problem) => {
    throw new Error(`${path.join('.')}: ${problem}`);
  },
  object: (value, path) => {
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${path.join('.')}: must be a mapping`);
  },
  keys: (value, path, allowed) => {
    for (const k of Object.keys(value))
      if (!allowed.includes(k)) throw new Error(`${[...path, k].join('.')}: unknown key`);
  },
  string: (value, path) => {
    if (typeof value !== 'string' || !value) throw new Error(`${path.join('.')}: must be a non-empty string`);
    return value;
  },
  stringList: (value, path) => {
    if (!Array.isArray(value) || value.length === 0) throw new Error(`${path.join('.')}: must be a list`);
    return value as string[];
  },
  positive: (value, path) => {
    if (typeof value !== 'number' || value <= 0) throw new Error(`${path.join('.')}: must be positive`);
    return value;
  },
};

describe('pr-review definition', () => {
  const path = ['pipelines', 'pr-review'];
  const read = (raw: Record<string, unknown>) => prReview.config.read(reader, raw, path, prReview.config.defaults());

  it('reads its keys over the defaults and refuses what it does not know', () => {
    expect(read({})).toEqual(defaultPrReviewConfig());
    expect(
      read({
        label: 'x',
        agents: ['a', 'b'],
        reviewer: 'c',
        judge: false,
        'min-agreement': 1,
        'min-severity': 'high',
        'request-changes-on-critical': true,
        'max-diff-bytes': 5000,
        'per-agent-comments': true,
      }),
    ).toMatchObject({
      agents: ['a', 'b'],
      reviewer: 'c',
      judge: false,
      minAgreement: 1,
      minSeverity: 'high',
      requestChangesOnCritical: true,
      maxDiffBytes: 5000,
      perAgentComments: true,
    });
    expect(() => read({ 'min-severity': 'blocker' })).toThrow(
      'pipelines.pr-review.min-severity: must be one of critical, high, medium, low, nit',
    );
    expect(() => read({ judge: 'yes' })).toThrow('pipelines.pr-review.judge: must be true or false');
    expect(() => read({ approve: true })).toThrow('pipelines.pr-review.approve: unknown key');
    expect(() => read({ agents: ['a', 'a'] })).toThrow('lists an agent twice');
    expect(() =>
      prReview.config.check!(reader, defaultPrReviewConfig(), { claude: {}, gemini: {} } as never, path),
    ).toThrow('pipelines.pr-review.agents.2: unknown agent "codex"');
  });

  it('its schema lists every key the reader accepts, and nothing else', () => {
    const schema = prReview.config.schema as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual(
      [
        'agents',
        'command',
        'judge',
        'label',
        'max-diff-bytes',
        'min-agreement',
        'min-severity',
        'per-agent-comments',
        'request-changes-on-critical',
        'reviewer',
      ].sort(),
    );
  });

  it('runs the reviewers and the judge once each, read-only, on pull requests only', () => {
    expect(prReview.agents({ ...defaultPrReviewConfig(), reviewer: 'claude' })).toEqual(['claude', 'gemini', 'codex']);
    expect(prReview.agents({ ...defaultPrReviewConfig(), reviewer: 'judge' })).toEqual([
      'claude',
      'gemini',
      'codex',
      'judge',
    ]);
    expect(prReview.agents({ ...defaultPrReviewConfig(), reviewer: 'judge', judge: false })).toEqual([
      'claude',
      'gemini',
      'codex',
    ]);
    expect(prReview.access).toBe('read-only');
    expect(prReview.triggers.label).toEqual({ on: ['pull-request'] });
    expect(prReview.triggers.command).toEqual({ on: ['pull-request'] });
    expect(prReview.status.rows(defaultPrReviewConfig()).map((r) => `${r.agent}/${r.role}`)).toEqual([
      'claude/review',
      'gemini/review',
      'codex/review',
      'claude/judge',
    ]);
  });

  describe('the synchronize trigger', () => {
    const trigger = prReview.triggers.events![0]!;
    const view = { name: 'pr-review', label: 'ai-review', command: '/ai-review', config: defaultPrReviewConfig() };
    const event = (p: Record<string, unknown>, name = 'pull_request_target'): RouteEvent => ({
      name,
      action: String(p.action),
      payload: p,
      owner: 'acme',
      repo: 'widgets',
    });

    it('a push to a labelled pull request runs, with the pull request as of the event', async () => {
      const sync = payload('pull_request-synchronize-ai-review.json');
      expect(trigger.events).toEqual(['pull_request', 'pull_request_target']);
      const decision = await trigger.match(event(sync), view, undefined);
      expect(decision).toMatchObject({
        kind: 'run',
        sender: { login: 'maintainer' },
        trigger: { kind: 'event', event: 'pull_request_target.synchronize' },
        target: {
          kind: 'pull-request',
          repository: 'acme/widgets',
          number: 12,
          pullRequest: { number: 12, headSha: (sync.pull_request as any).head.sha, baseRef: 'master' },
        },
      });
    });

    it('a push to a pull request without the label is skipped; other actions are not its business', async () => {
      const sync = payload('pull_request-synchronize-ai-review.json') as any;
      const unlabeled = { ...sync, pull_request: { ...sync.pull_request, labels: [{ name: 'bug' }] } };
      expect(await trigger.match(event(unlabeled), view, undefined)).toEqual({
        kind: 'skip',
        reason: 'a push to pull request #12, which does not carry the label "ai-review"',
      });
      expect(await trigger.match(event(payload('pull_request-labeled-ai-review.json')), view, undefined)).toEqual({
        kind: 'not-mine',
      });
    });
  });

  it("the job summary holds the review and every agent's full answer; the record the review and the agents", () => {
    const runs = [
      makeAgentRun({ agent: 'claude', role: 'review', answer: 'Claude says the loop is wrong.' }),
      makeAgentRun({ agent: 'gemini', role: 'review', answer: 'Gemini agrees.' }),
    ];
    const comments = new Map([
      ['review', 'The review body'],
      ['agent:claude', 'Claude says the loop is wrong.'],
      ['agent:gemini', 'Gemini agrees.'],
    ]);
    const summary = prReview.summary({ status: 'success', runs, comments }, 'acme/widgets#12');
    expect(summary).toContain('AI Orchestra · pr-review · acme/widgets#12');
    expect(summary).toContain('The review body');
    expect(summary).toContain('Answer of claude');
    expect(summary).toContain('Gemini agrees.');
    const record = prReview.record!({
      status: 'success',
      runs,
      comments,
      result: {
        status: 'success',
        runs,
        agents: [],
        skipped: [{ path: 'big.bin', reason: 'binary' }],
        review: { event: 'COMMENT', inline: 1, inBody: 0, body: 'b', comments: [] },
      },
    });
    expect(record).toMatchObject({ review: { event: 'COMMENT', inline: 1 }, notReviewed: [{ path: 'big.bin' }] });
  });
});

describe('schema/ai-orchestra.schema.json', () => {
  it("holds exactly the definition's part for pipelines.pr-review", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'ai-orchestra.schema.json'), 'utf8'));
    expect(schema.properties.pipelines.properties['pr-review']).toEqual(prReview.config.schema);
  });
});
