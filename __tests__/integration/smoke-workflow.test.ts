// The CI smoke job (.github/workflows/smoke.yml) run here as the runner would run its `uses: ./` step: its
// `with:` as inputs, its `env:`, on a push event. The payload it names is what runs, and nothing reaches GitHub.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { type ActionRun, REPO_ROOT, runAction } from './harness.js';

type Step = { uses?: string; with?: Record<string, unknown>; env?: Record<string, string> };
const workflow = parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'smoke.yml'), 'utf8')) as {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const step = Object.values(workflow.jobs)
  .flatMap((job) => job.steps)
  .find((s) => s.uses === './')!;

describe('the smoke workflow', () => {
  let gh: FakeGitHub;
  let scratch: string;
  const runs: ActionRun[] = [];
  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'ai-smoke-it-'));
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function smokeStep(withOverrides: Record<string, string> = {}): Promise<ActionRun> {
    const payloadPath = step.env!.AI_ORCHESTRA_EVENT_PATH!;
    const run = await runAction({
      github: gh,
      eventName: 'push',
      event: {
        ref: 'refs/heads/main',
        repository: {
          full_name: 'ai-orchestra/ai-orchestra-action',
          name: 'ai-orchestra-action',
          owner: { login: 'ai-orchestra' },
        },
        sender: { login: 'octocat', type: 'User' },
      },
      inputs: {
        ...Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)])),
        ...withOverrides,
      },
      // The checkout: the fixture sits in the workspace at the path the step names.
      files: { [payloadPath]: readFileSync(join(REPO_ROOT, payloadPath), 'utf8') },
      env: { ...step.env, FAKE_RECORD_DIR: join(scratch, 'records') },
    });
    runs.push(run);
    return run;
  }

  it('runs `uses: ./` in dry-run with no token and least permissions', () => {
    expect(step.with).toMatchObject({ 'dry-run': true, 'github-token': '' });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('its step runs ai-review on the fixture payload to success, and asks GitHub nothing', async () => {
    const run = await smokeStep();
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });
    expect(readFileSync(run.outputs['result-file']!, 'utf8')).toContain('Parser crashes on empty config file');
    expect(gh.requests).toEqual([]);
  }, 60_000);

  it('the payload override is refused outside dry-run', async () => {
    const run = await smokeStep({ 'dry-run': 'false', 'github-token': 'ghs_faketoken123456789012345678901234567890' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::AI_ORCHESTRA_EVENT_PATH .* works with dry-run: true only/);
    expect(gh.requests).toEqual([]);
  }, 60_000);
});
