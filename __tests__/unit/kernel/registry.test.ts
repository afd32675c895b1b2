// The registry and the router: definitions alone decide config parts, schema parts and which events start what.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/schema.js';
import { loadRunContext, routeEvent, supportedEvents } from '../../../src/event.js';
import { type AnyPipelineDefinition, definePipeline } from '../../../src/kernel/definition.js';
import { agentRowsLayout } from '../../../src/kernel/status-views.js';
import { PIPELINES } from '../../../src/pipelines/index.js';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../schema/ai-orchestra.schema.json'), 'utf8'),
) as {
  properties: { pipelines: { properties: Record<string, unknown> } };
};

describe('the registry', () => {
  it('each definition’s schema part is the one in schema/ai-orchestra.schema.json', () => {
    expect(Object.keys(schema.properties.pipelines.properties).sort()).toEqual(PIPELINES.map((p) => p.name).sort());
    for (const p of PIPELINES) expect(schema.properties.pipelines.properties[p.name], p.name).toEqual(p.config.schema);
  });

  it('the default config holds each definition’s defaults', () => {
    const config = defaultConfig();
    for (const p of PIPELINES) expect(config.pipelines[p.name]).toEqual(p.config.defaults());
  });
});

/** A pull-request pipeline as the pr-review branch may write it: label on pull requests, /ai-review on them, synchronize. */
const prPipeline = definePipeline<{ label: string; command?: string }, never, never, { headSha: string }>({
  name: 'pr-test',
  description: 'test',
  defaultCommand: '/ai-review',
  config: { defaults: () => ({ label: 'ai-review' }), read: (_v, _raw, _path, c) => c, schema: {} },
  agents: () => [],
  access: 'read-only',
  triggers: {
    label: { on: ['pull-request'] },
    command: { on: ['pull-request'] },
    events: [
      {
        events: ['pull_request', 'pull_request_target'],
        describe: 'pull_request (synchronize)',
        match: (event) =>
          event.action === 'synchronize'
            ? {
                kind: 'run',
                target: { kind: 'pull-request', repository: 'o/r', number: 5, title: '', body: '', url: '' },
                sender: { login: 'dev' },
                trigger: { kind: 'event', event: 'pull_request.synchronize', description: 'new commits' },
                detail: { headSha: 'abc' },
              }
            : { kind: 'not-mine' },
      },
    ],
  },
  status: agentRowsLayout(() => []) as never,
  run: () => Promise.reject(new Error('not run here')),
  summary: () => '',
});

async function route(eventName: string, payload: Record<string, unknown>, pipelines: readonly AnyPipelineDefinition[]) {
  const file = join(tmpdir(), `ai-orchestra-route-${process.pid}-${eventName}.json`);
  writeFileSync(file, JSON.stringify({ repository: { full_name: 'o/r' }, sender: { login: 'dev' }, ...payload }));
  const config = defaultConfig();
  (config.pipelines as Record<string, unknown>)['pr-test'] = { label: 'ai-review' };
  return routeEvent(
    loadRunContext({ GITHUB_EVENT_NAME: eventName }, { eventPath: file }),
    config,
    undefined,
    pipelines,
  );
}

describe('routing from definitions', () => {
  // The registered pipelines that work on issues only: the test pipeline below stands for any pull-request one.
  const issuePipelines = PIPELINES.filter(
    (p) =>
      !p.triggers.label?.on.includes('pull-request') &&
      !p.triggers.command?.on.includes('pull-request') &&
      !p.triggers.events?.length,
  );
  const all = [...issuePipelines, prPipeline];
  const pull = {
    number: 5,
    title: 'PR',
    body: '',
    html_url: 'u',
    head: { sha: 'h', ref: 'f', repo: { full_name: 'o/r' } },
    base: { ref: 'main', sha: 'b' },
  };

  it('a pull request label goes to the pipeline that labels pull requests, with head and base', async () => {
    const r = await route('pull_request', { action: 'labeled', label: { name: 'ai-review' }, pull_request: pull }, all);
    expect(r).toMatchObject({
      kind: 'run',
      pipeline: 'pr-test',
      issue: { kind: 'pull-request', number: 5, pullRequest: { headSha: 'h', baseRef: 'main' } },
    });
  });

  it('the same command on an issue and on a pull request starts different pipelines', async () => {
    const onIssue = await route(
      'issue_comment',
      { action: 'created', comment: { body: '/ai-review', id: 1 }, issue: { number: 2, title: '', body: '' } },
      all,
    );
    const onPull = await route(
      'issue_comment',
      {
        action: 'created',
        comment: { body: '/ai-review please', id: 1 },
        issue: { number: 5, title: '', body: '', pull_request: {} },
      },
      all,
    );
    expect(onIssue).toMatchObject({ kind: 'run', pipeline: 'ai-review' });
    expect(onPull).toMatchObject({
      kind: 'run',
      pipeline: 'pr-test',
      triggerInfo: { kind: 'command', argument: 'please' },
    });
  });

  it('a pipeline’s own event trigger passes its detail; an event no pipeline handles names the supported ones', async () => {
    expect(await route('pull_request', { action: 'synchronize', pull_request: pull }, all)).toMatchObject({
      kind: 'run',
      pipeline: 'pr-test',
      detail: { headSha: 'abc' },
    });
    await expect(route('pull_request', { action: 'synchronize', pull_request: pull }, issuePipelines)).rejects.toThrow(
      /does not handle the "pull_request" event/,
    );
    expect(supportedEvents(all)).toContain('pull_request (synchronize)');
  });

  it('without a pull-request pipeline, a comment on a pull request is skipped as before', async () => {
    const r = await route(
      'issue_comment',
      {
        action: 'created',
        comment: { body: '/ai-review' },
        issue: { number: 5, title: '', body: '', pull_request: {} },
      },
      issuePipelines,
    );
    expect(r).toEqual({ kind: 'skip', reason: 'the comment is on a pull request, not an issue' });
  });
});
