// A self-hosted runner behind an HTTP proxy: the bundled action reaches GitHub only through the proxy, end to end.
// GITHUB_API_URL names a host that only the proxy can reach (loopback hosts always bypass a proxy), and the proxy maps
// it to the fake GitHub. undici's ProxyAgent tunnels with CONNECT, also to http:// targets; the proxy reads the
// requests inside the tunnel (plain HTTP) so that it can log each one. Absolute-form requests are forwarded as well.

import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { type ActionRun, makeIssueEvent, runAction, seedIssueFromEvent } from './harness.js';

/** The API host name the action is given: not loopback, and not resolvable, so only the proxy reaches it. */
const API_HOST = 'api.github.test';

interface ProxiedRequest {
  /** How the client asked: a CONNECT tunnel, or an absolute-form request to the proxy. */
  via: 'connect' | 'absolute';
  host: string;
  method: string;
  path: string;
}

interface ForwardProxy {
  url: string;
  /** Every CONNECT the proxy was asked for, as `host:port`. */
  tunnels: string[];
  /** Every HTTP request the proxy forwarded (or refused), inside a tunnel or in absolute form. */
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** A forwarding HTTP proxy on 127.0.0.1 that knows one host, `API_HOST`, and sends it to `targetPort`. */
async function startForwardProxy(targetPort: number): Promise<ForwardProxy> {
  const tunnels: string[] = [];
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const forward = (via: ProxiedRequest['via'], host: string, req: IncomingMessage, res: ServerResponse): void => {
    const path = via === 'absolute' ? new URL(req.url ?? '/').pathname + new URL(req.url ?? '/').search : req.url;
    requests.push({ via, host, method: req.method ?? 'GET', path: path ?? '/' });
    if (host !== API_HOST) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`unknown host ${host}`);
      return;
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port: targetPort, method: req.method, path, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.destroy(error));
    req.pipe(upstream);
  };

  // Requests that arrive inside a CONNECT tunnel: the Host header names the target.
  const inTunnel = createServer((req, res) => forward('connect', (req.headers.host ?? '').split(':')[0]!, req, res));
  const proxy: Server = createServer((req, res) => {
    const target = /^https?:\/\//.test(req.url ?? '') ? new URL(req.url!) : undefined;
    if (!target) {
      res.writeHead(400).end('absolute-form request expected');
      return;
    }
    forward('absolute', target.hostname, req, res);
  });
  proxy.on('connection', track);
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    tunnels.push(authority);
    if (authority.split(':')[0] !== API_HOST) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    inTunnel.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      inTunnel.close();
    },
  };
}

const CONFIG = [
  'agents:',
  '  claude:',
  '    cli: claude',
  '    env: { FAKE_ANSWER: "First answer: guard the cache with a mutex." }',
  '  gemini:',
  '    cli: gemini',
  '    env: { FAKE_ANSWER: "Second answer: make the cache immutable." }',
  'pipelines:',
  '  ai-review:',
  '    label: ai-review',
  '    agents: [claude, gemini]',
  '    reviewer: claude',
  '',
].join('\n');

describe('GitHub behind an HTTP proxy, end to end against dist/index.js', () => {
  let gh: FakeGitHub;
  let proxy: ForwardProxy;
  let scratch: string;
  const runs: ActionRun[] = [];

  beforeEach(async () => {
    gh = await startFakeGitHub();
    proxy = await startForwardProxy(Number(new URL(gh.url).port));
    scratch = await mkdtemp(join(tmpdir(), 'github-proxy-it-'));
  });
  afterEach(async () => {
    await proxy.close();
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function labelBehindProxy(env: Record<string, string>): Promise<ActionRun> {
    const event = makeIssueEvent({ number: 42, title: 'Cache is not thread-safe', body: 'Two workers corrupt it.' });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    const run = await runAction({
      event,
      github: gh,
      configYaml: CONFIG,
      env: {
        GITHUB_API_URL: `http://${API_HOST}`,
        GITHUB_GRAPHQL_URL: `http://${API_HOST}/graphql`,
        AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0',
        ...env,
      },
    });
    runs.push(run);
    return run;
  }

  it('reaches GitHub only through the proxy named by HTTP_PROXY, and the run succeeds', async () => {
    const run = await labelBehindProxy({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });

    const comments = gh.commentsOn(42);
    expect(comments.map((c) => c.body).join('\n')).toContain('First answer: guard the cache with a mutex.');
    expect(comments.map((c) => c.body).join('\n')).toContain('Second answer: make the cache immutable.');
    expect(comments.some((c) => c.body.includes('<!-- ai-orchestra:state=success'))).toBe(true);

    // Every request the fake GitHub answered came through the proxy, addressed to the API host.
    expect(gh.requests.length).toBeGreaterThan(3);
    for (const r of gh.requests) expect(r.headers.host).toBe(API_HOST);
    expect(proxy.requests.map((r) => `${r.method} ${r.path}`)).toEqual(gh.requests.map((r) => `${r.method} ${r.path}`));
    expect(new Set(proxy.requests.map((r) => r.host))).toEqual(new Set([API_HOST]));
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([`${API_HOST}:80`]));
  }, 60_000);

  it('a NO_PROXY that names other hosts, or the API host on another port, leaves the proxy in use', async () => {
    const run = await labelBehindProxy({
      http_proxy: proxy.url,
      no_proxy: `localhost,.internal.example,${API_HOST}:8080`,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });
    expect(proxy.requests.length).toBe(gh.requests.length);
    expect(new Set(proxy.requests.map((r) => r.host))).toEqual(new Set([API_HOST]));
  }, 60_000);

  it('with NO_PROXY naming the API host, the run bypasses the proxy (and so cannot reach GitHub)', async () => {
    const run = await labelBehindProxy({ HTTP_PROXY: proxy.url, NO_PROXY: API_HOST });
    expect(run.exitCode).not.toBe(0);
    // The name resolves nowhere: the permission check, the first request, fails after the client's retries.
    expect(run.stdout).toMatch(
      /::error::Not running ai-review on #42: could not check maintainer's permission \(GitHub could not be reached \(getaddrinfo ENOTFOUND api\.github\.test\)\)/,
    );
    expect(gh.commentsOn(42)).toEqual([]);
    expect(proxy.tunnels).toEqual([]);
    expect(proxy.requests).toEqual([]);
    expect(gh.requests).toEqual([]);
  }, 60_000);
});
