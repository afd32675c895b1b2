// `install: true` end to end: the bundled action installs a missing CLI with the real npm from a fake registry on
// 127.0.0.1 (npm's proxy is a closed port for every other host, so nothing can reach the internet) and the agent runs it.
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { type FakeNpmRegistry, startFakeNpmRegistry } from '../../__fixtures__/npm-registry/server.js';
import { builtInAdapters } from '../../src/agents/registry.js';
import { parseMarker } from '../../src/report/comment-body.js';
import { type ActionRun, FIXTURES_BIN, makeIssueEvent, readRecords, runAction, seedIssueFromEvent } from './harness.js';

const CLAUDE = '@anthropic-ai/claude-code';
const DEFAULT_VERSION = builtInAdapters.claude!.npm!.defaultVersion;
const PINNED_VERSION = '1.0.0-fixture.1';

function config(
  records: string,
  { reviewer = 'claude', claudeVersion }: { reviewer?: string; claudeVersion?: string } = {},
): string {
  const agent = (name: string, answer: string, extra: string[] = []): string[] => [
    `  ${name}:`,
    `    cli: ${name}`,
    ...extra,
    '    env:',
    `      FAKE_RECORD_DIR: ${JSON.stringify(records)}`,
    `      FAKE_ANSWER: ${JSON.stringify(answer)}`,
  ];
  return [
    'agents:',
    ...agent(
      'claude',
      'Claude, installed from the registry, answers.',
      claudeVersion ? [`    version: ${JSON.stringify(claudeVersion)}`] : [],
    ),
    ...agent('gemini', 'Gemini answers.'),
    ...agent('codex', 'Codex answers.'),
    'pipelines:',
    '  ai-review:',
    '    agents: [claude, gemini, codex]',
    `    reviewer: ${reviewer}`,
    '',
  ].join('\n');
}

describe('install: true, against a fake npm registry', () => {
  let registry: FakeNpmRegistry;
  let gh: FakeGitHub;
  let scratch: string;
  /** gemini and codex, but no claude. */
  let binWithoutClaude: string;
  const runs: ActionRun[] = [];

  beforeAll(async () => {
    registry = await startFakeNpmRegistry([
      { name: CLAUDE, binary: 'claude', versions: [PINNED_VERSION, DEFAULT_VERSION] },
    ]);
  }, 60_000);
  afterAll(() => registry.close());
  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'install-it-'));
    binWithoutClaude = join(scratch, 'bin');
    await mkdir(binWithoutClaude);
    for (const cli of ['gemini', 'codex']) await symlink(join(FIXTURES_BIN, cli), join(binWithoutClaude, cli));
    registry.requests.length = 0;
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function label(opts: {
    configYaml: string;
    install?: string;
    env?: Record<string, string>;
  }): Promise<ActionRun> {
    const event = makeIssueEvent({
      number: 8,
      title: 'Install the CLIs for me',
      body: 'Nothing is installed on this runner.',
    });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    const run = await runAction({
      event,
      github: gh,
      configYaml: opts.configYaml,
      inputs: opts.install === undefined ? {} : { install: opts.install },
      pathPrepend: [binWithoutClaude],
      timeoutMs: 120_000,
      env: {
        AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0',
        npm_config_registry: registry.url,
        npm_config_cache: join(scratch, 'npm-cache'),
        // Any request to another host goes to a closed port and fails: the test cannot reach the internet.
        npm_config_proxy: 'http://127.0.0.1:9/',
        npm_config_https_proxy: 'http://127.0.0.1:9/',
        npm_config_noproxy: '127.0.0.1',
        // ...and fails at once instead of retrying.
        npm_config_fetch_retries: '0',
        npm_config_update_notifier: 'false',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        ...opts.env,
      },
    });
    runs.push(run);
    return run;
  }

  function comment(key: string): string {
    const found = gh.commentsOn(8).find((c) => parseMarker(c.body)?.key === key);
    if (!found)
      throw new Error(
        `no ${key} comment; keys: ${gh
          .commentsOn(8)
          .map((c) => parseMarker(c.body)?.key)
          .join(', ')}`,
      );
    return found.body;
  }

  it('installs the missing claude at the default version from the registry; claude answers and reviews', async () => {
    const records = join(scratch, 'records');
    const run = await label({ configYaml: config(records), install: 'true' });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe('success');

    // npm fetched the packument and the default version's tarball from the fake registry, nothing else.
    expect(registry.tarballsFetched()).toEqual([`/${CLAUDE}/-/claude-code-${DEFAULT_VERSION}.tgz`]);
    expect(registry.requests.every((r) => r.status === 200)).toBe(true);

    // The log says what was planned, what was installed, from where, into where and how long it took.
    const toolDir = join(run.root, 'toolcache', 'ai-orchestra', CLAUDE, DEFAULT_VERSION);
    expect(run.stdout).toContain(
      `claude: \`claude\` is missing; installing ${CLAUDE}@${DEFAULT_VERSION} (default version)`,
    );
    expect(run.stdout).toMatch(/gemini: `gemini` is on PATH \(.*\/bin\/gemini\); not installed/);
    expect(run.stdout).toContain(
      'The Actions cache service is not available here, so installed CLIs are not cached between runs.',
    );
    const installed = new RegExp(
      `Installed ${CLAUDE}@${DEFAULT_VERSION.replace(/\./g, '\\.')} for claude from ${registry.url}${CLAUDE}/-/claude-code-${DEFAULT_VERSION.replace(/\./g, '\\.')}\\.tgz in (\\d+\\.\\d) s into ${toolDir} \\(cache: not cached\\)`,
    );
    expect(run.stdout).toMatch(installed);
    expect(Number(installed.exec(run.stdout)![1])).toBeGreaterThan(0);
    expect(run.stdout).not.toMatch(/::warning::/);

    // claude ran from the tool directory, for its answer and for the review (two orders).
    expect(comment('agent:claude')).toContain('Claude, installed from the registry, answers.');
    expect(comment('agent:gemini')).toContain('Gemini answers.');
    expect(comment('review')).toMatch(/Synthesis/);
    const calls = await readRecords(records);
    const claudeCalls = calls.filter((c) => c.cli === 'claude');
    expect(claudeCalls).toHaveLength(3);
    for (const c of claudeCalls) expect(c.env.PATH!.split(':')[0]).toBe(join(toolDir, 'node_modules', '.bin'));
    // Only claude's PATH has the tool directory.
    for (const c of calls.filter((c) => c.cli !== 'claude')) expect(c.env.PATH).not.toContain(toolDir);
  }, 120_000);

  it('installs the version pinned in agents.claude.version, not the default', async () => {
    const run = await label({
      configYaml: config(join(scratch, 'records'), { claudeVersion: PINNED_VERSION }),
      install: 'true',
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(registry.tarballsFetched()).toEqual([`/${CLAUDE}/-/claude-code-${PINNED_VERSION}.tgz`]);
    expect(run.stdout).toContain(
      `claude: \`claude\` is missing; installing ${CLAUDE}@${PINNED_VERSION} (agents.claude.version)`,
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `Installed ${CLAUDE}@${PINNED_VERSION.replace(/\./g, '\\.')} for claude from ${registry.url}\\S+-${PINNED_VERSION.replace(/\./g, '\\.')}\\.tgz in \\d+\\.\\d s`,
      ),
    );
    expect(comment('agent:claude')).toContain('Claude, installed from the registry, answers.');
  }, 120_000);

  it('a second run on the same runner reuses the installed CLI without asking the registry', async () => {
    const toolCache = join(scratch, 'toolcache');
    const first = await label({
      configYaml: config(join(scratch, 'records')),
      install: 'true',
      env: { RUNNER_TOOL_CACHE: toolCache },
    });
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    registry.requests.length = 0;
    await gh.close();
    gh = await startFakeGitHub();
    const second = await label({
      configYaml: config(join(scratch, 'records')),
      install: 'true',
      env: { RUNNER_TOOL_CACHE: toolCache },
    });
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(registry.requests).toEqual([]);
    expect(second.stdout).toContain(
      `Using ${CLAUDE}@${DEFAULT_VERSION} for claude, installed earlier in ${join(toolCache, 'ai-orchestra', CLAUDE, DEFAULT_VERSION)} (from ${registry.url}`,
    );
    expect(comment('agent:claude')).toContain('Claude, installed from the registry, answers.');
  }, 120_000);

  it('without install, a missing CLI gets a clear hint and the registry is never contacted', async () => {
    const run = await label({ configYaml: config(join(scratch, 'records'), { reviewer: 'gemini' }) });
    expect(registry.requests).toEqual([]);
    expect(run.stdout).toMatch(
      /::warning::Some agent programs are missing; those agents will fail:%0A {2}- claude: `claude` is not on PATH\. Install: npm install -g @anthropic-ai\/claude-code%0AOr set the action input `install: true` to install `claude` from npm\./,
    );
    expect(run.stdout).not.toContain('Agent CLIs (install: true)');
    expect(comment('agent:claude')).toMatch(
      /`claude` was not found on PATH\. Install it in an earlier step: npm install -g `@anthropic-ai\/claude-code`/,
    );
    expect(comment('agent:gemini')).toContain('Gemini answers.');
    expect(comment('review')).toMatch(/Synthesis/);
  }, 120_000);

  it('a registry 404 fails claude with npm’s reason on the issue; gemini and codex still answer and gemini reviews', async () => {
    registry.failWith(CLAUDE, 404);
    try {
      const run = await label({
        configYaml: config(join(scratch, 'records'), { reviewer: 'gemini' }),
        install: 'true',
      });
      expect(registry.requests.length).toBeGreaterThan(0);
      expect(registry.requests.every((r) => r.status === 404 && r.path === `/${CLAUDE}`)).toBe(true);
      expect(run.stdout).toMatch(
        /::warning::For claude: could not install `claude` \(@anthropic-ai\/claude-code@[^)]+\) from npm after \d+\.\d s: npm install exited with code 1:/,
      );
      const claude = comment('agent:claude');
      // The package scope reads as a team mention to GitHub: posted as code.
      expect(claude).toContain(`could not install \`claude\` (\`${CLAUDE}\`@${DEFAULT_VERSION}) from npm`);
      expect(claude).toMatch(/404/);
      expect(comment('agent:gemini')).toContain('Gemini answers.');
      expect(comment('agent:codex')).toContain('Codex answers.');
      expect(comment('review')).toMatch(/Synthesis/);
    } finally {
      registry.failWith(CLAUDE, undefined);
    }
  }, 120_000);
});
