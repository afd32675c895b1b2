// Builds the one Octokit instance: retries for 5xx, throttling that honours rate limits, a timeout per request.
// Built from @octokit/core and the same plugins @actions/github's getOctokit uses, on our node:http(s) transport:
// @actions/github loads undici (about 0.8 MB of JavaScript) at start-up for its proxy support, which only a runner
// behind a proxy needs. There, and only there, requests go through @actions/github's proxy-aware fetch, loaded on the
// first request.
import { Octokit as OctokitCore } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { type GitHubLog, workflowLog } from './log.js';
import { usedRestMethods } from './rest.js';
import { DEFAULT_NOTIFY_INTERVAL_MS, throttleQueues } from './throttle-queues.js';
import { httpFetch, type OnWire } from './transport.js';

/** What the code uses: @actions/github's GitHub class (the REST methods it calls, ./rest.ts, and pagination). */
const Rest = OctokitCore.plugin(usedRestMethods, paginateRest);
export type Octokit = InstanceType<typeof Rest>;
const GitHub = Rest.plugin(retry, throttling);

/** GitHub's REST API for this run: GITHUB_API_URL on GitHub Enterprise Server and in tests. */
export function apiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.GITHUB_API_URL || 'https://api.github.com';
}

/** The proxy variables @actions/http-client honours; with none set, no request can go through a proxy. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/**
 * Our node:http(s) transport (./transport.ts), or behind a proxy @actions/github's fetch (undici with the proxy
 * dispatcher @actions/http-client picks, honouring no_proxy), loaded on the first request.
 */
export function fetchFor(env: NodeJS.ProcessEnv = process.env, onWire?: OnWire): Fetch {
  if (!PROXY_VARIABLES.some((name) => env[name])) return ((input, init) => httpFetch(input, init, onWire)) as Fetch;
  let proxied: Promise<Fetch> | undefined;
  return async (input, init) => {
    proxied ??= import('@actions/github/lib/utils').then(({ defaults }) => defaults.request?.fetch as Fetch);
    return (await proxied)(input, init);
  };
}

/**
 * Which of the clients' requests are not on the wire yet. Requests reach the transport through the plugins' queues
 * in the order they started, so the transport's n-th request is taken as the n-th one waiting; a request that ends
 * before it reaches the transport (refused, failed) stops waiting too. It only tunes start-up: a mismatch makes
 * `onWire` settle a little early or late, never wrongly.
 */
class WireWatch {
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Set<Promise<void>>();

  /** What the transport calls with each request's flush. */
  readonly transportHook: OnWire = (flushed) => {
    const next = this.waiting.shift();
    if (next) void flushed.then(next);
  };

  watch(octokit: Octokit): void {
    octokit.hook.wrap('request', async (request, options) => {
      let settle: () => void = () => {};
      const onWire = new Promise<void>((resolve) => {
        settle = resolve;
      });
      const done = (): void => {
        settle();
        this.pending.delete(onWire);
        const at = this.waiting.indexOf(done);
        if (at >= 0) this.waiting.splice(at, 1);
      };
      this.pending.add(onWire);
      this.waiting.push(done);
      try {
        return await request(options);
      } finally {
        done();
      }
    });
  }

  async onWire(): Promise<void> {
    // A request reaches the hooks a few microtasks after it starts: let every started one register first.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([...this.pending]);
  }
}

/** The runner's orchestration id joins the user agent, as @actions/github adds it (GitHub correlates requests by it). */
export function userAgentOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const id = env.ACTIONS_ORCHESTRATION_ID?.trim();
  return id ? `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` : undefined;
}

export interface ClientOptions {
  /** Per attempt; a stalled socket fails the attempt, which the retry plugin repeats. */
  requestTimeoutMs: number;
  /** How often a rate-limited request may wait and retry. */
  maxRateLimitRetries: number;
  /**
   * Spacing of writes (POST/PATCH...) and of comment creation; undefined keeps the plugin's defaults
   * (1 s between writes, 3 s between requests that notify, such as new comments). Tests and benchmarks lower it.
   */
  minWriteIntervalMs?: number;
  /** Wait after a secondary rate limit that names no retry-after; GitHub asks for at least a minute (the default). */
  secondaryRateLimitWaitSec?: number;
  /**
   * The longest single wait for a rate limit (default 120 s). A primary limit can reset an hour away: waiting for
   * it would hold the runner for the rest of the job, so the request fails instead (the answers stay in result-file).
   */
  maxRateLimitWaitSec?: number;
  /**
   * No write spacing and no rate-limit waits, one retry: for the few last writes of a cancelled run, which has
   * seconds left before the runner kills it. Never for ordinary work: GitHub asks integrators to space writes.
   */
  unthrottled?: boolean;
  /** Where rate-limit warnings go (default: workflow commands). */
  log?: GitHubLog;
  /** Told of each request's flush to the operating system (GitHubClients.onWire). */
  onWire?: OnWire;
}

/** Longest wait for a rate limit unless the caller says otherwise. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SEC = 120;

/** Whether a rate-limited request is retried after `retryAfter` seconds, and the line that says so in the log. */
export function rateLimitDecision(
  kind: string,
  request: { method: string; url: string },
  retryAfter: number,
  retryCount: number,
  limits: { maxRetries: number; maxWaitSec: number },
): { retry: boolean; message: string } {
  const where = `GitHub ${kind} on ${request.method} ${request.url}`;
  if (retryAfter > limits.maxWaitSec) {
    return {
      retry: false,
      message: `${where}: GitHub asks to wait ${retryAfter} s, longer than the ${limits.maxWaitSec} s this action waits; giving up.`,
    };
  }
  if (retryCount >= limits.maxRetries)
    return { retry: false, message: `${where}: giving up after ${limits.maxRetries} retries.` };
  return {
    retry: true,
    message: `${where}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${limits.maxRetries}).`,
  };
}

/** Spacing of writes under the throttling plugin's defaults (its `write` group); comment creation is 3 s apart. */
export const DEFAULT_WRITE_INTERVAL_MS = 1_000;

type Fetch = typeof fetch;

function fetchWithTimeout(base: Fetch, timeoutMs: number): Fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}

export function createOctokit(token: string, options: ClientOptions): Octokit {
  const log = options.log ?? workflowLog;
  const baseFetch = fetchFor(process.env, options.onWire);
  const limits = {
    maxRetries: options.maxRateLimitRetries,
    maxWaitSec: options.maxRateLimitWaitSec ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SEC,
  };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const decision = rateLimitDecision(kind, request, retryAfter, retryCount, limits);
      log.warning(decision.message);
      return decision.retry;
    };
  const userAgent = userAgentOf();
  return new GitHub({
    auth: `token ${token}`,
    baseUrl: apiBaseUrl(),
    ...(userAgent ? { userAgent } : {}),
    request: { fetch: fetchWithTimeout(baseFetch, options.requestTimeoutMs) },
    // 429 joins the plugin's defaults: rate limits are the throttling plugin's, which waits for retry-after or
    // x-ratelimit-reset; plugin-retry would retry them blindly after 1, 4 and 9 s.
    retry: { retries: options.unthrottled ? 1 : 3, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      enabled: options.unthrottled !== true,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      fallbackSecondaryRateRetryAfter: options.secondaryRateLimitWaitSec ?? 60,
      // The plugin's queues, without Bottleneck's timers (./throttle-queues.ts). They are undocumented overrides of
      // the plugin's state, which its typings do not list.
      ...throttleQueues(
        options.minWriteIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS,
        options.minWriteIntervalMs ?? DEFAULT_NOTIFY_INTERVAL_MS,
      ),
    } as never,
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.debug(m), error: (m: string) => log.debug(m) },
  });
}

/** The HTTP status of an Octokit error, or undefined for network errors and timeouts. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The run's clients: one for all work, and one that skips write spacing for a cancelled run's last writes. */
export interface GitHubClients {
  octokit: Octokit;
  /** No spacing, no rate-limit waits, 3 s per request: only after cancellation (see GitHubReporter's urgent). */
  urgent: Octokit;
  /**
   * Settles once every request the clients started is on the wire: start-up waits for it before it compiles the code
   * it loads on demand, so that the first requests do not wait for the compiler.
   */
  onWire(): Promise<void>;
}

/** The one client factory: every entry point builds its clients here, with the tuning the inputs read. */
export function gitHubClients(
  token: string,
  tuning: { requestTimeoutMs: number; minWriteIntervalMs?: number; secondaryRateLimitWaitSec?: number },
  log: GitHubLog = workflowLog,
): GitHubClients {
  const wire = new WireWatch();
  const octokit = createOctokit(token, {
    requestTimeoutMs: tuning.requestTimeoutMs,
    maxRateLimitRetries: 3,
    minWriteIntervalMs: tuning.minWriteIntervalMs,
    secondaryRateLimitWaitSec: tuning.secondaryRateLimitWaitSec,
    log,
    onWire: wire.transportHook,
  });
  const urgent = createOctokit(token, {
    requestTimeoutMs: 3_000,
    maxRateLimitRetries: 0,
    unthrottled: true,
    log,
    onWire: wire.transportHook,
  });
  wire.watch(octokit);
  wire.watch(urgent);
  return {
    octokit,
    urgent,
    onWire: () => wire.onWire(),
  };
}

/**
 * Why a request never got an answer (DNS, refused connection, timeout), or undefined when GitHub answered.
 * Octokit reports such failures as status 500 without a response; they are not GitHub's 500.
 */
export function transportFailure(error: unknown): string | undefined {
  if (!error || typeof error !== 'object' || (error as { response?: unknown }).response !== undefined) return undefined;
  const status = (error as { status?: unknown }).status;
  if (status !== undefined && status !== 500) return undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && (current as { cause?: unknown })?.cause; depth++)
    current = (current as { cause: unknown }).cause;
  const code = (current as NodeJS.ErrnoException)?.code;
  const message = current instanceof Error ? current.message : String(current);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
