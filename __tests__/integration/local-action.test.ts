// The action as @github/local-action runs it (reads action.yml for inputs and their defaults, loads a .env file as
// the runner's environment, stubs @actions/core and @actions/github with its own toolkit, imports the entrypoint
// and calls its run()), against the fake GitHub: a second, independent emulation of the runner next to harness.ts.
// The entrypoint is src/main.ts under local-action's tsx, as it asks: it needs a module that exports run(), and
// stubs the toolkit by package path, which the bundle inlines (dist/index.js fails with "does not export a run()").
// Offline: local-action runs `npm exec tsx` and `npm ls`, both answered from node_modules.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import {
  FAKE_TOKEN,
  FIXTURES_BIN,
  makeIssueEvent,
  REPO_ROOT,
  readRecords,
  seedIssueFromEvent,
  testSystemPath,
} from './harness.js';

const run = promisify(execFile);
const LOCAL_ACTION = join(REPO_ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');

describe('@github/local-action runs the action', () => {
  let gh: FakeGitHub;
  let root: string;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    root = await mkdtemp(join(tmpdir(), 'ai-local-action-'));
  });
  afterEach(async () => {
    await gh.close();
    await rm(root, { recursive: true, force: true });
  });

  it('ai-review on a labeled issue, through local-action’s toolkit stubs, against the fake GitHub', async () => {
    const event = makeIssueEvent({ number: 21, title: 'Flaky upload', body: 'Uploads over 2 GB fail.' });
    seedIssueFromEvent(gh, event);
    gh.setPermission('maintainer', 'write');
    const workspace = join(root, 'workspace');
    const runnerTemp = join(root, 'runner-temp');
    const records = join(root, 'records');
    await Promise.all([workspace, runnerTemp, records].map((d) => mkdir(d, { recursive: true })));
    const agent = (cli: string): string =>
      `  ${cli}:\n    cli: ${cli}\n    env:\n      FAKE_RECORD_DIR: ${JSON.stringify(records)}\n`;
    await mkdir(join(workspace, '.github'), { recursive: true });
    await writeFile(
      join(workspace, '.github', 'ai-orchestra.yml'),
      `agents:\n${agent('claude')}${agent('gemini')}${agent('codex')}`,
    );
    const eventPath = join(runnerTemp, 'event.json');
    await writeFile(eventPath, JSON.stringify(event));
    const summary = join(runnerTemp, 'summary.md');
    await writeFile(summary, '');
    const dotenv = join(root, '.env');
    // Only what a runner sets; the inputs come from action.yml's defaults except the token.
    await writeFile(
      dotenv,
      [
        `INPUT_GITHUB-TOKEN=${FAKE_TOKEN}`,
        'GITHUB_EVENT_NAME=issues',
        `GITHUB_EVENT_PATH=${eventPath}`,
        `GITHUB_API_URL=${gh.url}`,
        'GITHUB_SERVER_URL=https://github.com',
        'GITHUB_REPOSITORY=acme/widgets',
        'GITHUB_RUN_ID=4242',
        'GITHUB_RUN_ATTEMPT=1',
        `GITHUB_WORKSPACE=${workspace}`,
        `RUNNER_TEMP=${runnerTemp}`,
        `GITHUB_STEP_SUMMARY=${summary}`,
        'AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS=0',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, [LOCAL_ACTION, 'run', REPO_ROOT, 'src/main.ts', dotenv], {
      cwd: REPO_ROOT,
      env: {
        PATH: [FIXTURES_BIN, join(REPO_ROOT, 'node_modules', '.bin'), ...testSystemPath()].join(':'),
        HOME: root,
        npm_config_offline: 'true',
        // local-action's @actions/github stub reads its base URL when it loads, before the .env file is read.
        GITHUB_API_URL: gh.url,
      },
      timeout: 120_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    // local-action's core stub prints each output as a ::set-output line.
    expect(stdout).toMatch(/Running Action/);
    expect(stdout).not.toMatch(/::error::/);
    expect(stdout).toMatch(/::set-output name=pipeline::ai-review/);
    expect(stdout).toMatch(/::set-output name=status::success/);
    expect((await readRecords(records)).map((r) => r.cli).sort()).toEqual([
      'claude',
      'claude',
      'claude',
      'codex',
      'gemini',
    ]); // three answers, the reviewer in two orders
    expect(gh.commentsOn(21)).toHaveLength(5);
    expect(gh.issue(21)!.labels).toContain('ai-review');
    expect(await readFile(summary, 'utf8')).toMatch(/AI Orchestra · ai-review/);
  }, 180_000);
});
