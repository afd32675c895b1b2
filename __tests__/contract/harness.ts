// Runs a real AI CLI (pinned in __tests__/contract/clis) through our own adapter and agent runner, exactly the command
// line and environment the action builds, with a fresh HOME and every network address pointed at 127.0.0.1.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { createAgentRunner } from '../../src/agents/runner.js';
import type { AccessMode, AgentRun, AgentSpec } from '../../src/agents/types.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The pinned real CLIs: __tests__/contract/clis/package.json, installed by `npm run cli:install` (part of test:cli). */
export const CLI_PACKAGE_DIR = join(REPO_ROOT, '__tests__', 'contract', 'clis');
export const CLI_BIN = join(CLI_PACKAGE_DIR, 'node_modules', '.bin');

/** The system PATH without node_modules/.bin entries, with the pinned CLIs in front. */
export function cliPath(): string {
  const system = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin')
    .split(':')
    .filter((dir) => dir && !dir.includes('node_modules'));
  return [CLI_BIN, ...system].join(':');
}

/** Every folder the harness made in this test file: removed when the file is done (a CLI home can hold 200 MB). */
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A fresh, empty HOME for one CLI run; `files` are written relative to it (e.g. `.gemini/settings.json`). */
export function freshHome(files: Record<string, string> = {}): string {
  const home = scratchDir('ai-orchestra-cli-home-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), content);
  }
  return home;
}

/** Where a CLI tried to go past 127.0.0.1 through the proxy variables (`CONNECT host:port` or an absolute URL). */
export interface ProxyTrap {
  url: string;
  attempts: string[];
}

/**
 * A proxy on 127.0.0.1 that refuses every request at once with `status`, after telling `onAttempt` where it wanted
 * to go (the method and URL of a plain request, `CONNECT` and `host:port` of a tunnel).
 */
async function startRefusingProxy(
  status: 403 | 502,
  onAttempt: (method: string, target: string) => void,
): Promise<{ server: Server; port: number }> {
  const reason = status === 403 ? 'Forbidden' : 'Bad Gateway';
  const server = createServer((req, res) => {
    onAttempt(req.method ?? 'GET', req.url ?? '');
    res
      .writeHead(status, { 'content-type': 'text/plain', connection: 'close' })
      .end('contract suite: no network beyond 127.0.0.1');
  });
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    onAttempt('CONNECT', req.url ?? '');
    // A client that gives up resets the socket; that is the expected end, not a test failure.
    socket.on('error', () => undefined);
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\n\r\n`);
  });
  server.on('clientError', (_error, socket: Duplex) => socket.destroy());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port };
}

let trap: ProxyTrap | undefined;

/**
 * One proxy for the whole test file, on 127.0.0.1: it records every request a CLI sends through
 * HTTP(S)_PROXY and refuses it at once, so a CLI that tries another host fails fast instead of hanging.
 */
export async function proxyTrap(): Promise<ProxyTrap> {
  if (trap) return trap;
  const attempts: string[] = [];
  const { server, port } = await startRefusingProxy(403, (method, target) => attempts.push(`${method} ${target}`));
  server.unref();
  trap = { url: `http://127.0.0.1:${port}`, attempts };
  return trap;
}

/** The proxy variables of every run: everything but loopback goes to the trap. */
export function proxyEnv(proxyUrl: string): Record<string, string> {
  const noProxy = '127.0.0.1,localhost,::1';
  return {
    HTTPS_PROXY: proxyUrl,
    HTTP_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    http_proxy: proxyUrl,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
  };
}

export interface CliRunOptions {
  /** The agent as it would come out of config validation (cli, model, args, env, timeoutSec). */
  agent: Omit<AgentSpec, 'args' | 'env' | 'passEnv' | 'timeoutSec'> &
    Partial<Pick<AgentSpec, 'args' | 'env' | 'passEnv' | 'timeoutSec'>>;
  prompt: string;
  mode?: AccessMode;
  /** HOME for the run (default a fresh empty one). */
  home?: string;
  /** Where the agent runs (default a fresh empty folder). */
  workingDirectory?: string;
  /** Killed this long after the timeout's SIGTERM (default 2 s). */
  killGraceMs?: number;
  /** Resume this session of the CLI (the adapter's resume flags), as ask does on a follow-up. */
  resume?: string;
}

export interface CliRunResult {
  run: AgentRun;
  /** The wall time of the whole run, ms. */
  wallMs: number;
  /** What the CLI tried to reach beyond 127.0.0.1 during this run (refused by the proxy trap). */
  proxied: string[];
  workingDirectory: string;
}

/** Runs one agent through createAgentRunner: the very adapter invocation and environment the action uses. */
export async function runRealCli(opts: CliRunOptions): Promise<CliRunResult> {
  const home = opts.home ?? freshHome();
  const spec: AgentSpec = { args: [], env: {}, passEnv: [], timeoutSec: 60, ...opts.agent };
  const logDir = scratchDir('ai-orchestra-cli-logs-');
  const workingDirectory = opts.workingDirectory ?? scratchDir('ai-orchestra-cli-work-');
  // The run's own TMPDIR, inside its HOME: what a CLI leaves there (gemini's error reports) goes with it.
  const tmp = join(home, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const proxy = await proxyTrap();
  const runner = createAgentRunner({
    agents: { [spec.name]: spec },
    workingDirectory,
    logDir,
    maxParallel: 1,
    killGraceMs: opts.killGraceMs ?? 2_000,
    // Only what a runner would have: no real provider keys leak in from the developer's shell.
    parentEnv: { PATH: cliPath(), HOME: home, LANG: 'C.UTF-8', TMPDIR: tmp, CI: 'true', ...proxyEnv(proxy.url) },
    signal: new AbortController().signal,
  });
  const before = proxy.attempts.length;
  const started = performance.now();
  try {
    const run = await runner.run({
      agent: spec.name,
      prompt: opts.prompt,
      mode: opts.mode ?? 'read-only',
      role: 'contract',
      ...(opts.resume ? { resume: opts.resume } : {}),
    });
    return { run, wallMs: performance.now() - started, proxied: proxy.attempts.slice(before), workingDirectory };
  } finally {
    // A HOME made here is nobody else's: drop it (copilot alone unpacks ~230 MB into it); logs stay.
    if (opts.home === undefined) rmSync(home, { recursive: true, force: true });
  }
}

/**
 * A prompt that breaks any shell quoting, trimming or re-encoding on its way to the model: several lines,
 * both quotes, `$(...)`, backticks, a GitHub @mention, a `!` command and non-ASCII text.
 */
export const TRICKY_PROMPT = [
  'Line one: "double" and \'single\' quotes; $(echo pwned) and `uname -a`; ${HOME} stays literal.',
  '  indented line with a tab\there, a backslash \\n that is not a newline, and 100% of it: %s %d',
  'Ask @octocat about !ls and @README.md; ünïcödé, 日本語, emoji 🎻, right-to-left שלום.',
  '',
  '```ts',
  'const x = `template ${literal}`;',
  '```',
  'The end.',
].join('\n');

/** The longest an agent run may take: its timeout, the kill grace, and a margin for a loaded machine. */
export function maxWallMs(timeoutSec: number, killGraceMs = 2_000): number {
  return timeoutSec * 1_000 + killGraceMs + 5_000;
}

/**
 * Proxy variables that send every stray request (telemetry, update checks, registries) to a port nothing
 * listens on, so it fails at once instead of leaving the machine; 127.0.0.1 (the fakes) is exempt.
 */
export function deadProxyEnv(port: number): Record<string, string> {
  return proxyEnv(`http://127.0.0.1:${port}`);
}

/** A prompt no shell or argv handling could pass through unchanged: lines, quotes, substitutions, non-ASCII. */
export const HOSTILE_PROMPT = [
  'Review the change below and answer in one line.',
  "He said \"don't\" and left; a 'single' quote, a backslash \\ and a tab\there.",
  'Shell bait: $(touch /tmp/ai-orchestra-pwned) `id` ${HOME} $PATH; echo done && exit 1 | cat',
  'Non-ASCII: é ü ß 日本語 🚀 — “curly” quotes',
  '--model evil -p injected',
].join('\n');

/**
 * With CAPTURE_CLI_FIXTURES=1, copies what the real CLI printed into `__fixtures__/cli-output/<cli>/<name>.stdout|stderr.txt`,
 * the recordings the adapters' unit tests parse. A no-op otherwise, so normal runs never touch the fixtures.
 */
export function captureFixture(run: AgentRun, cli: string, name: string): void {
  if (process.env.CAPTURE_CLI_FIXTURES !== '1') return;
  const dir = join(REPO_ROOT, '__fixtures__', 'cli-output', cli);
  mkdirSync(dir, { recursive: true });
  for (const stream of ['stdout', 'stderr'] as const) {
    const file = run.logFiles[stream];
    if (file) copyFileSync(file, join(dir, `${name}.${stream}.txt`));
  }
}

/** What the CLI printed (the ends of stdout and stderr), for assertion messages. */
export function printed(run: AgentRun, maxChars = 3_000): string {
  const read = (file: string): string => (file ? readFileSync(file, 'utf8') : '');
  const stdout = read(run.logFiles.stdout);
  const stderr = read(run.logFiles.stderr);
  return `status ${run.status}, error ${run.error ?? '-'}\n--- stdout (end)\n${stdout.slice(-maxChars)}\n--- stderr (end)\n${stderr.slice(-maxChars)}`;
}

export interface ProxyRecorder {
  /** Proxy variables pointing at the recorder (127.0.0.1 and localhost exempt). */
  env: Record<string, string>;
  /** `host:port` of every CONNECT and the URL of every plain request, in arrival order: all refused. */
  attempts: string[];
  close(): Promise<void>;
}

/** Like deadProxyEnv, but a proxy on 127.0.0.1 that refuses everything and records where the CLI tried to go. */
export async function startProxyRecorder(lifetimeMs = 300_000): Promise<ProxyRecorder> {
  const attempts: string[] = [];
  const { server, port } = await startRefusingProxy(502, (_method, target) => attempts.push(target || '?'));
  const lifetime = setTimeout(() => server.close(), lifetimeMs);
  lifetime.unref();
  return {
    env: deadProxyEnv(port),
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(lifetime);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
