// The GitHub transport against a server in this process: what Octokit relies on of fetch.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch, MAX_RESPONSE_BYTES } from '../../../src/github/transport.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

async function serve(
  handle: (seen: Seen, res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(s);
      handle(s, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('httpFetch', () => {
  it('sends the method, headers and body, and reads status, headers and text', async () => {
    const gh = await serve((_s, res) => {
      res.writeHead(201, 'Created', { 'content-type': 'application/json', 'x-b': '2', 'x-a': '1' });
      res.end('{"id":7}');
    });
    const response = await httpFetch(`${gh.url}/repos/o/r/issues/1/comments`, {
      method: 'POST',
      headers: { Authorization: 'token t', 'content-type': 'application/json' },
      body: '{"body":"hé"}',
    });
    expect(gh.seen[0]).toMatchObject({ method: 'POST', url: '/repos/o/r/issues/1/comments', body: '{"body":"hé"}' });
    expect(gh.seen[0]?.headers).toMatchObject({ authorization: 'token t', 'content-length': '14' });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.ok).toBe(true);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect([...response.headers].filter(([k]) => k.startsWith('x-'))).toEqual([
      ['x-a', '1'],
      ['x-b', '2'],
    ]);
    expect(await response.json()).toEqual({ id: 7 });
  });

  it('follows redirects as fetch does: a 303 becomes a GET, and the token stays on its own origin', async () => {
    const other = await serve((_s, res) => res.end('log text'));
    const gh = await serve((s, res) => {
      if (s.url === '/first') res.writeHead(303, { location: '/second' }).end();
      else if (s.url === '/second') res.writeHead(302, { location: `${other.url}/blob` }).end();
      else res.writeHead(404).end();
    });
    const response = await httpFetch(`${gh.url}/first`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await response.text()).toBe('log text');
    expect(response.url).toBe(`${other.url}/blob`);
    expect(gh.seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/first', '{}'],
      ['GET', '/second', ''],
    ]);
    expect(gh.seen[1]?.headers.authorization).toBe('token t');
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('returns the redirect itself with redirect: manual', async () => {
    const gh = await serve((_s, res) => res.writeHead(302, { location: 'https://example.invalid/x' }).end());
    const response = await httpFetch(`${gh.url}/logs`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://example.invalid/x');
  });

  it('fails as fetch does when nobody answers: a TypeError whose cause names the socket error', async () => {
    const gh = await serve((_s, res) => res.end());
    const port = new URL(gh.url).port;
    await new Promise((r) => servers.pop()?.close(r));
    const error = await httpFetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('stops at the signal with its reason', async () => {
    const gh = await serve(() => {
      // never answers
    });
    const controller = new AbortController();
    const pending = httpFetch(`${gh.url}/slow`, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 20));
    controller.abort(new DOMException('timed out', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('refuses what it does not implement instead of sending it wrong', async () => {
    await expect(httpFetch('http://127.0.0.1:1/', { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(
      /string or byte bodies/,
    );
  });
});

describe('httpFetch is stricter than fetch where a token or our text could travel', () => {
  it('refuses a redirect to a URL with credentials, from https to http, or of a body to another origin', async () => {
    const other = await serve((_s, res) => res.end('x'));
    const gh = await serve((s, res) => {
      if (s.url === '/creds') res.writeHead(302, { location: `http://user:secret@127.0.0.1:1/x` }).end();
      else res.writeHead(307, { location: `${other.url}/moved` }).end();
    });
    await expect(httpFetch(`${gh.url}/creds`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { message: 'redirect to http://127.0.0.1:1 with credentials' },
    });
    await expect(httpFetch(`${gh.url}/post`, { method: 'PATCH', body: '{"body":"ours"}' })).rejects.toMatchObject({
      cause: { message: `redirect of a request with a body to ${other.url}` },
    });
    expect(other.seen).toEqual([]);
  });

  it('refuses a response larger than it will hold, by its length or as it streams', async () => {
    const gh = await serve((s, res) => {
      if (s.url === '/declared') res.writeHead(200, { 'content-length': String(MAX_RESPONSE_BYTES + 1) }).end();
      else {
        res.writeHead(200);
        const chunk = Buffer.alloc(1024 * 1024);
        let sent = 0;
        const more = (): void => {
          while (sent <= MAX_RESPONSE_BYTES / chunk.length) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        more();
      }
    });
    await expect(httpFetch(`${gh.url}/declared`)).rejects.toMatchObject({ cause: { message: /response larger than/ } });
    await expect(httpFetch(`${gh.url}/streamed`)).rejects.toMatchObject({ cause: { message: /response larger than/ } });
  });
});
