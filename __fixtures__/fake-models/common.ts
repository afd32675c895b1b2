// What every fake model-API server shares: 127.0.0.1 only, a request log, a prompt-dependent answer,
// failure injection, server-sent events, and a lifetime after which the server closes by itself.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or the raw text when it is not JSON (undefined when empty). */
  body: unknown;
}

export interface FakeModelServer {
  /** `http://127.0.0.1:<port>` (no trailing slash, no path). */
  url: string;
  port: number;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** The last user message of every model call (what the answer was computed from), in arrival order. */
  prompts: string[];
  /** From now on every model call answers this HTTP status with an error body; `undefined` heals it. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

/** The answer every fake server gives to a prompt: tests compute the same string to tell prompts apart. */
export function expectedAnswer(prompt: string): string {
  const digest = createHash('sha256').update(prompt).digest('hex').slice(0, 16);
  const letters = reviewLetters(prompt);
  return letters ? reviewAnswer(letters, digest) : `FAKE-ANSWER ${digest}`;
}

/** The answer letters of an ai-review reviewer prompt (src/prompt/review.ts), or undefined for any other prompt. */
export function reviewLetters(prompt: string): string[] | undefined {
  if (!prompt.startsWith('You are the reviewer.')) return undefined;
  const letters = [...prompt.matchAll(/^--- BEGIN ANSWER ([A-Z][0-9]?) ---$/gm)].map((m) => m[1] ?? '');
  return letters.length > 0 ? letters : undefined;
}

/** A review in the fixed form src/report/ranking.ts parses: the letters ranked in reverse order of their labels. */
function reviewAnswer(letters: string[], digest: string): string {
  const ranked = [...letters].reverse();
  return [
    '### Synthesis',
    `FAKE-REVIEW ${digest}: the answers agree.`,
    '### Disagreements',
    'None',
    '### Ranking',
    ...ranked.map((letter, i) => `${i + 1}. ${letter} — fake reason ${i + 1}`),
  ].join('\n');
}

/**
 * A prompt whose first line starts with this asks a fake to call a tool first: the rest of the line is the JSON
 * `{ "name": ..., "input": ... }` of one tool call; once the tool's result comes back it answers as usual.
 */
export const FAKE_TOOL_USE = 'FAKE-TOOL-USE ';

export function scriptedToolUse(prompt: string): { name: string; input: unknown } | undefined {
  if (!prompt.startsWith(FAKE_TOOL_USE)) return undefined;
  return JSON.parse(prompt.slice(FAKE_TOOL_USE.length).split('\n')[0] ?? '') as { name: string; input: unknown };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fixed usage numbers the fakes report, so parsing can be asserted exactly. */
export const FAKE_USAGE = { inputTokens: 42, outputTokens: 7 } as const;

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** Writes `events` as server-sent events (`event:` line only when a name is given), then ends the response. */
export function sendSse(res: ServerResponse, events: { event?: string; data: unknown }[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const { event, data } of events) {
    if (event !== undefined) res.write(`event: ${event}\n`);
    res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  }
  res.end();
}

export type ModelHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  ctx: HandlerContext,
) => void | Promise<void>;

export interface HandlerContext {
  /** Record the prompt a model call answers, and get the answer to send. */
  answerFor(prompt: string): string;
  /** The status every model call must fail with now, if any. */
  failure: number | undefined;
}

export interface StartOptions {
  /** The server closes itself after this long, whatever the test does (default 5 minutes). */
  lifetimeMs?: number;
}

/** Starts a server on 127.0.0.1 on a free port; `handle` answers every request after it was recorded. */
export async function startModelServer(handle: ModelHandler, opts: StartOptions = {}): Promise<FakeModelServer> {
  const requests: RecordedRequest[] = [];
  const prompts: string[] = [];
  let failure: number | undefined;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
      const ctx: HandlerContext = {
        answerFor(prompt) {
          prompts.push(prompt);
          return expectedAnswer(prompt);
        },
        failure,
      };
      try {
        await handle(req, res, body, ctx);
      } catch (error) {
        if (!res.headersSent) sendJson(res, 500, { error: { message: `fake server bug: ${String(error)}` } });
        else res.end();
      }
    })();
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lifetime = setTimeout(() => server.close(), opts.lifetimeMs ?? 300_000);
  lifetime.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    prompts,
    failWith(status) {
      failure = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(lifetime);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound, then released, so connecting to it is refused. */
export async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
