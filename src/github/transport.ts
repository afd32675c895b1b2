// The fetch the GitHub client uses: node:http(s), as much of fetch as Octokit needs. Node's own fetch loads and compiles
// its HTTP stack (undici and its WebAssembly parser) on the first request: 15 ms on Node 24, 50 ms on Node 20, on the
// way to the first agent. Octokit sends a method, string headers and a string or byte body, and reads the status, the
// headers and the body as text or bytes; anything else is refused rather than half supported.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
/** GitHub's API answers in kilobytes; a response past this is refused rather than held in memory (logs have their own reader). */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** The response headers, read as fetch's Headers are: case-insensitive get, iteration in name order. */
export class ResponseHeaders {
  private readonly values = new Map<string, string>();

  constructor(raw: IncomingMessage['headers']) {
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      this.values.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    yield* [...this.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** What a transport response offers: the parts of fetch's Response that Octokit reads. */
export class TransportResponse {
  readonly headers: ResponseHeaders;
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly redirected: boolean;
  readonly body = null;

  constructor(
    message: IncomingMessage,
    private readonly bytes: Buffer,
    readonly url: string,
    redirected: boolean,
  ) {
    this.headers = new ResponseHeaders(message.headers);
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.redirected = redirected;
  }

  async text(): Promise<string> {
    return this.bytes.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.bytes.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.bytes;
    return buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer;
  }
}

interface Sent {
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

function headersOf(init: RequestInit['headers']): Record<string, string> {
  if (init === undefined) return {};
  const entries =
    Symbol.iterator in Object(init)
      ? [...(init as Iterable<[string, string]>)]
      : Object.entries(init as Record<string, string>);
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), String(value)]));
}

function bodyOf(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('The GitHub transport sends string or byte bodies only.');
}

/** fetch's network error: a TypeError whose cause is the socket's error (Octokit and transportFailure read the cause). */
function networkError(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Told of each request's flush: a promise that settles once the request is handed to the operating system (or fails). */
export type OnWire = (flushed: Promise<void>) => void;

function send(
  url: URL,
  sent: Sent,
  signal: AbortSignal | undefined,
  onWire: OnWire | undefined,
): Promise<[IncomingMessage, Buffer]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: sent.method,
      headers: { ...sent.headers, ...(sent.body ? { 'content-length': String(sent.body.length) } : {}) },
    });
    onWire?.(
      new Promise<void>((flushed) => {
        request.once('finish', flushed);
        request.once('close', flushed);
      }),
    );
    const onAbort = (): void => {
      request.destroy();
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal?.removeEventListener('abort', onAbort);
    request.on('error', (error) => {
      done();
      reject(signal?.aborted ? abortReason(signal) : networkError(error));
    });
    request.on('response', (message) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const tooLarge = (): void => {
        done();
        request.destroy();
        reject(networkError(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`)));
      };
      if (Number(message.headers['content-length']) > MAX_RESPONSE_BYTES) return tooLarge();
      message.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) return tooLarge();
        chunks.push(chunk);
      });
      message.on('error', (error) => {
        done();
        reject(signal?.aborted ? abortReason(signal) : networkError(error));
      });
      message.on('end', () => {
        done();
        resolve([message, Buffer.concat(chunks)]);
      });
    });
    request.end(sent.body);
  });
}

/**
 * fetch over node:http(s) for GitHub's API: redirects are followed as fetch follows them (303, and 301/302 after a POST,
 * become a GET without a body; the Authorization header is not sent to another origin), or returned with `manual`.
 * Stricter than fetch: no redirect to a URL with credentials, from https to http, or of a body to another origin; no
 * response over MAX_RESPONSE_BYTES.
 */
export async function httpFetch(
  input: string | URL | Request,
  init: RequestInit = {},
  onWire?: OnWire,
): Promise<Response> {
  if (typeof input !== 'string' && !(input instanceof URL))
    throw new TypeError('The GitHub transport takes a URL, not a Request.');
  let url = new URL(input);
  let sent: Sent = {
    method: (init.method ?? 'GET').toUpperCase(),
    headers: headersOf(init.headers),
    body: bodyOf(init.body),
  };
  const signal = init.signal ?? undefined;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw networkError(new Error(`unsupported protocol ${url.protocol}`));
    const [message, bytes] = await send(url, sent, signal, onWire);
    const status = message.statusCode ?? 0;
    const location = message.headers.location;
    if (!REDIRECTS.has(status) || location === undefined || init.redirect === 'manual')
      return new TransportResponse(message, bytes, url.href, hop > 0) as unknown as Response;
    const next = new URL(location, url);
    // A redirect's target may be a signed URL: errors name its origin only.
    if (init.redirect === 'error') throw networkError(new Error(`unexpected redirect to ${next.origin}`));
    if (hop >= MAX_REDIRECTS) throw networkError(new Error('too many redirects'));
    const toGet =
      status === 303 ? sent.method !== 'HEAD' : (status === 301 || status === 302) && sent.method === 'POST';
    // Stricter than fetch, for a client that carries a token and our text: no credentials in the target, no step down
    // from https, and no body sent on to another origin.
    if (next.username || next.password) throw networkError(new Error(`redirect to ${next.origin} with credentials`));
    if (url.protocol === 'https:' && next.protocol !== 'https:')
      throw networkError(new Error(`redirect from https to ${next.origin}`));
    if (!toGet && sent.body && next.origin !== url.origin)
      throw networkError(new Error(`redirect of a request with a body to ${next.origin}`));
    const headers = { ...sent.headers };
    if (toGet) {
      delete headers['content-type'];
      delete headers['content-length'];
    }
    if (next.origin !== url.origin) delete headers.authorization;
    sent = toGet ? { method: 'GET', headers, body: undefined } : { ...sent, headers };
    url = next;
  }
}
