// The queues @octokit/plugin-throttling schedules every request through, without Bottleneck's timers.
// The plugin keeps its logic (which requests are writes or notify, what a rate limit is, when to retry) and takes
// its queues from its options. Bottleneck, its default, passes each job through several zero-delay timers (at least
// 1 ms each in Node): about 10 ms before a request reaches the wire and a few more before its answer is seen. These
// queues do what the plugin configures them to do, at once when nothing is waiting.

/** A Bottleneck job's options as the plugin sets them: a retry (weight 0) does not count against the limit. */
interface JobOptions {
  weight?: number;
}
type Job = (...args: unknown[]) => unknown;

/** What the plugin calls on a group: `group.key(id).schedule(options, job, ...args)`. */
export interface QueueGroup {
  key(id?: string): { schedule(options: JobOptions, job: Job, ...args: unknown[]): Promise<unknown> };
}

function group(schedule: (options: JobOptions, job: Job, ...args: unknown[]) => Promise<unknown>): QueueGroup {
  const limiter = { schedule };
  return { key: () => limiter };
}

/** At most `limit` jobs at a time (Bottleneck's maxConcurrent); the rest start in arrival order as others end. */
export function concurrencyGroup(limit: number): QueueGroup {
  let running = 0;
  const waiting: (() => void)[] = [];
  return group(async (options, job, ...args) => {
    if (options?.weight === 0) return job(...args);
    if (running < limit) running++;
    else await new Promise<void>((turn) => waiting.push(turn));
    try {
      return await job(...args);
    } finally {
      // The slot passes straight to the next job waiting, so `running` never drops below what is in flight.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  });
}

/** Jobs start at least `intervalMs` apart, in arrival order (Bottleneck's minTime). */
export function spacingGroup(intervalMs: number, now: () => number = Date.now): QueueGroup {
  let next = 0;
  return group(async (_options, job, ...args) => {
    const at = now();
    const wait = Math.max(0, next - at);
    next = Math.max(at, next) + intervalMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return job(...args);
  });
}

/** Bottleneck's `failed` handler as the plugin registers it: the milliseconds to wait before a retry, or no retry. */
type FailedHandler = (error: unknown, info: { args: unknown[]; retryCount: number }) => unknown;

/**
 * The plugin's retry limiter: runs each job at once; when it fails, asks the `failed` handler (the plugin's rate-limit
 * logic) and waits and runs it again if it returns a delay, else rejects with the job's error. A handler that throws
 * means no retry, as in Bottleneck.
 */
export class RetryQueue {
  private readonly handlers: FailedHandler[] = [];

  on(event: string, handler: FailedHandler): void {
    if (event === 'failed') this.handlers.push(handler);
  }

  async schedule(job: Job, ...args: unknown[]): Promise<unknown> {
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await job(...args);
      } catch (error) {
        const wait = await this.retryAfter(error, { args, retryCount });
        if (wait === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private async retryAfter(error: unknown, info: { args: unknown[]; retryCount: number }): Promise<number | undefined> {
    for (const handler of this.handlers) {
      let answer: unknown;
      try {
        answer = await handler(error, info);
      } catch {
        return undefined;
      }
      if (answer !== undefined && answer !== null) return Math.max(0, Math.trunc(Number(answer)) || 0);
    }
    return undefined;
  }
}

/** Comment creation and other requests that notify: GitHub asks for about one every 3 s (the plugin's default). */
export const DEFAULT_NOTIFY_INTERVAL_MS = 3_000;

/**
 * Every queue the plugin uses, with its defaults (10 requests at a time, one auth request at a time, searches 2 s
 * apart, writes `writeIntervalMs` apart and notifying writes `notifyIntervalMs` apart). One set per client: the run
 * has one throttled client (see gitHubClients).
 */
export function throttleQueues(writeIntervalMs: number, notifyIntervalMs: number) {
  return {
    global: concurrencyGroup(10),
    auth: concurrencyGroup(1),
    search: spacingGroup(2_000),
    write: spacingGroup(writeIntervalMs),
    notifications: spacingGroup(notifyIntervalMs),
    retryLimiter: new RetryQueue(),
  };
}
