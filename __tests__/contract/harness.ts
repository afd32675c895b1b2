// Runs a real AI CLI (from node_modules/.bin) through our own adapter and agent runner, exactly the command
// line and environment the action builds, with a fresh HOME and every network address pointed at 127.0.0.1.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createAgentRunner } from '../../src/agents/runner.js';
import type { AccessMode, AgentRun, AgentSpec } from '../../src/agents/types.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the pinned real CLIs are (devDependencies). */
export const CLI_BIN = join(REPO_ROOT, 'node_modules', '.bin');

/** The system PATH without node_modules/.bin entries, with the pinned CLIs in front. */
export function cliPath(): string {
  const system = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter((dir) => dir && !dir.includes('node_modules'));
  return [CLI_BIN, ...system].join(':');
}

/** A fresh, empty HOME for one CLI run; `files` are written relative to it (e.g. `.gemini/settings.json`). */
export function freshHome(files: Record<string, string> = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'ai-orchestra-cli-home-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), content);
  }
  return home;
}

export interface CliRunOptions {
  /** The agent as it would come out of config validation (cli, model, args, env, timeoutSec). */
  agent: Omit<AgentSpec, 'args' | 'env' | 'passEnv' | 'timeoutSec'> & Partial<Pick<AgentSpec, 'args' | 'env' | 'passEnv' | 'timeoutSec'>>;
  prompt: string;
  mode?: AccessMode;
  /** HOME for the run (default a fresh empty one). */
  home?: string;
  /** Where the agent runs (default a fresh empty folder). */
  workingDirectory?: string;
}

export interface CliRunResult {
  run: AgentRun;
  /** The wall time of the whole run, ms. */
  wallMs: number;
}

/** Runs one agent through createAgentRunner: the very adapter invocation and environment the action uses. */
export async function runRealCli(opts: CliRunOptions): Promise<CliRunResult> {
  const home = opts.home ?? freshHome();
  const spec: AgentSpec = { args: [], env: {}, passEnv: [], timeoutSec: 60, ...opts.agent };
  const logDir = mkdtempSync(join(tmpdir(), 'ai-orchestra-cli-logs-'));
  const runner = createAgentRunner({
    agents: { [spec.name]: spec },
    workingDirectory: opts.workingDirectory ?? mkdtempSync(join(tmpdir(), 'ai-orchestra-cli-work-')),
    logDir,
    maxParallel: 1,
    killGraceMs: 2_000,
    // Only what a runner would have: no real provider keys leak in from the developer's shell.
    parentEnv: { PATH: cliPath(), HOME: home, LANG: 'C.UTF-8', TMPDIR: tmpdir(), CI: 'true' },
    signal: new AbortController().signal,
  });
  const started = performance.now();
  try {
    const run = await runner.run({ agent: spec.name, prompt: opts.prompt, mode: opts.mode ?? 'read-only', role: 'contract' });
    return { run, wallMs: performance.now() - started };
  } finally {
    // A HOME made here is nobody else's: drop it (copilot alone unpacks ~230 MB into it); logs stay.
    if (opts.home === undefined) rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Proxy variables that send every stray request (telemetry, update checks, registries) to a port nothing
 * listens on, so it fails at once instead of leaving the machine; 127.0.0.1 (the fakes) is exempt.
 */
export function deadProxyEnv(port: number): Record<string, string> {
  const proxy = `http://127.0.0.1:${port}`;
  const noProxy = '127.0.0.1,localhost';
  return { HTTPS_PROXY: proxy, HTTP_PROXY: proxy, https_proxy: proxy, http_proxy: proxy, NO_PROXY: noProxy, no_proxy: noProxy };
}

/** A prompt no shell or argv handling could pass through unchanged: lines, quotes, substitutions, non-ASCII. */
export const HOSTILE_PROMPT = [
  'Review the change below and answer in one line.',
  'He said "don\'t" and left; a \'single\' quote, a backslash \\ and a tab\there.',
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
  const server = createServer((req, res) => {
    attempts.push(req.url ?? '?');
    res.writeHead(502).end();
  });
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    attempts.push(req.url ?? '?');
    // A client that gives up resets the socket; that is the expected end, not a test failure.
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  server.on('clientError', (_error, socket: Duplex) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lifetime = setTimeout(() => server.close(), lifetimeMs);
  lifetime.unref();
  const { port } = server.address() as AddressInfo;
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
