// Event parsing and routing on GitHub's own example payloads (@octokit/webhooks-examples: organizations, bots,
// transferred issues, forks), and every payload we write ourselves (__fixtures__/payloads/*.json and the
// integration harness's builder) held to GitHub's webhook schemas (@octokit/openapi-webhooks).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkWebhookPayload,
  webhookExamples,
  webhookKey,
  webhookKeyOfFile,
} from '../../__fixtures__/github-description/webhooks.js';
import { type Config, defaultConfig } from '../../src/config/schema.js';
import { loadRunContext, type RunContext, routeEvent } from '../../src/event.js';
import { makeIssueEvent } from '../integration/harness.js';

const PAYLOADS = join(import.meta.dirname, '..', '..', '__fixtures__', 'payloads');
const scratch = mkdtempSync(join(tmpdir(), 'ai-orchestra-payloads-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The context the action builds on a runner, from the payload written to GITHUB_EVENT_PATH. */
function contextOf(eventName: string, payload: object): RunContext {
  const eventPath = join(scratch, `${eventName}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(eventPath, JSON.stringify(payload));
  const repository = (payload as { repository?: { full_name?: string } }).repository?.full_name ?? '';
  return loadRunContext({
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: '1',
  });
}

/** The built-in configuration with ai-review started by `label`. */
function configWithLabel(label: string): Config {
  const config = defaultConfig();
  config.pipelines['ai-review'].label = label;
  return config;
}

const name = (p: Record<string, any>): string =>
  `${p.repository?.full_name} #${p.issue?.number ?? p.pull_request?.number ?? '-'} by ${p.sender?.login} (${p.sender?.type})`;

// The four deliveries the action is started by in our examples; each must hold at least one real example.
const EVENTS = [
  ['issues', 'labeled'],
  ['issue_comment', 'created'],
  ['pull_request', 'labeled'],
  ['workflow_dispatch', undefined],
] as const;

// The community examples are older than the schemas (they lack fields GitHub added since, such as
// performed_via_github_app or has_discussions), so they drive routing here; our own payloads meet the schemas below.
describe("GitHub's example payloads", () => {
  it.each(EVENTS)('%s %s: the package holds examples of it', (event, action) => {
    expect(webhookExamples(event, action).length).toBeGreaterThan(0);
  });

  it.each(webhookExamples('issues', 'labeled').map((p) => [name(p), p]))(
    'issues.labeled %s: its label starts the pipeline on its issue',
    async (_n, payload) => {
      const route = await routeEvent(contextOf('issues', payload), configWithLabel(payload.label.name));
      expect(route).toMatchObject({
        kind: 'run',
        pipeline: 'ai-review',
        trigger: `label "${payload.label.name}"`,
        sender: { login: payload.sender.login, type: payload.sender.type },
        issue: {
          repository: payload.repository.full_name,
          number: payload.issue.number,
          title: payload.issue.title,
          body: payload.issue.body ?? '',
          url: payload.issue.html_url,
        },
      });
      // Another label (the example's own label is not ours) starts nothing.
      expect(await routeEvent(contextOf('issues', payload), defaultConfig())).toMatchObject({ kind: 'skip' });
    },
  );

  it.each(
    webhookExamples('issues')
      .filter((p) => p.action !== 'labeled')
      .map((p) => [`${p.action} ${name(p)}`, p]),
  )(
    'issues.%s: any other action (transferred, opened, unlabeled, ...) is skipped, not an error',
    async (_n, payload) => {
      expect(await routeEvent(contextOf('issues', payload), configWithLabel('bug'))).toMatchObject({ kind: 'skip' });
    },
  );

  it.each(webhookExamples('issue_comment', 'created').map((p) => [name(p), p]))(
    'issue_comment.created %s: a slash command runs on an issue, is skipped on a pull request; other text is skipped',
    async (_n, payload) => {
      const withCommand = { ...payload, comment: { ...payload.comment, body: '/ai-review please' } };
      const route = await routeEvent(contextOf('issue_comment', withCommand), defaultConfig());
      if (payload.issue.pull_request) {
        expect(route).toMatchObject({ kind: 'skip' });
      } else {
        expect(route).toMatchObject({
          kind: 'run',
          pipeline: 'ai-review',
          issue: { number: payload.issue.number, title: payload.issue.title },
        });
      }
      expect(await routeEvent(contextOf('issue_comment', payload), defaultConfig())).toMatchObject({ kind: 'skip' });
    },
  );

  it.each(webhookExamples('pull_request', 'labeled').map((p) => [name(p), p]))(
    'pull_request.labeled %s: routed (or refused by name), never a crash on the payload’s shape',
    async (_n, payload) => {
      const config = configWithLabel(payload.label.name);
      const outcome = await routeEvent(contextOf('pull_request', payload), config).catch((e: unknown) => e);
      if (outcome instanceof Error) expect(outcome.message).toMatch(/pull_request/);
      else expect(outcome).toHaveProperty('kind');
    },
  );

  it.each(webhookExamples('workflow_dispatch').map((p) => [name(p), p]))(
    'workflow_dispatch %s: the issue-number input selects the issue read through the API; without it, a clear error',
    async (_n, payload) => {
      const read: number[] = [];
      const fetchIssue = async (n: number) => {
        read.push(n);
        return {
          kind: 'issue' as const,
          repository: payload.repository.full_name,
          number: n,
          title: 'From the API',
          body: 'Body',
          url: 'https://github.com/x',
        };
      };
      await expect(routeEvent(contextOf('workflow_dispatch', payload), defaultConfig(), fetchIssue)).rejects.toThrow(
        /needs the input issue-number/,
      );
      const withInputs = {
        ...payload,
        inputs: { ...(payload.inputs ?? {}), 'issue-number': '12', pipeline: 'ai-review' },
      };
      expect(await routeEvent(contextOf('workflow_dispatch', withInputs), defaultConfig(), fetchIssue)).toMatchObject({
        kind: 'run',
        trigger: 'workflow_dispatch',
        issue: { number: 12 },
      });
      expect(read).toEqual([12]);
    },
  );
});

describe('our own payloads validate against GitHub’s webhook schemas', () => {
  const files = readdirSync(PAYLOADS).filter((f) => f.endsWith('.json'));

  it('there are fixture payloads, each named after its webhook (issues-labeled-*.json, issue-comment-created-*.json, ...)', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files)
      expect(webhookKeyOfFile(file), `${file}: its name starts with no webhook's name`).toBeDefined();
  });

  it.each(files)('__fixtures__/payloads/%s', (file) => {
    const key = webhookKeyOfFile(file)!;
    expect(checkWebhookPayload(key, JSON.parse(readFileSync(join(PAYLOADS, file), 'utf8')))).toEqual([]);
  });

  it('the integration harness’s makeIssueEvent, for labeled and other actions, bots and issues without a body', () => {
    for (const options of [
      {},
      { action: 'unlabeled' },
      { action: 'opened' },
      { sender: 'dependabot[bot]' },
      { body: null, otherLabels: ['bug'] },
    ]) {
      const event = makeIssueEvent(options);
      expect(checkWebhookPayload(webhookKey('issues', event.action), event), JSON.stringify(options)).toEqual([]);
    }
  });

  it('a wrong payload is caught: an issues.labeled delivery without its label’s name', () => {
    const [example] = webhookExamples('issues', 'labeled');
    const broken = { ...example, label: { ...example!.label, name: undefined } };
    expect(checkWebhookPayload('issues-labeled', broken).join('\n')).toMatch(
      /payload\/label must have required property 'name'/,
    );
  });
});
