import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);
import {
  require_light,
  retry
} from "./chunk-NIVG6WZ2.js";
import {
  debug,
  info,
  warning
} from "./chunk-GJWFR67G.js";
import {
  Octokit,
  paginateRest
} from "./chunk-2GQDRHI5.js";
import {
  __toESM
} from "./chunk-ZAUMI6SE.js";

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION = "0.0.0-development";
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = import_light.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info2) {
      const [state2, request, options] = info2.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;

// src/github/log.ts
var workflowLog = {
  warning: (m) => warning(m),
  info: (m) => info(m),
  debug: (m) => debug(m)
};

// src/github/rest.ts
var ROUTES = {
  actions: { listJobsForWorkflowRun: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs" },
  checks: { listForSuite: "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs" },
  issues: {
    addLabels: "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
    createComment: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    deleteComment: "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}",
    get: "GET /repos/{owner}/{repo}/issues/{issue_number}",
    listComments: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
    updateComment: "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"
  },
  pulls: {
    create: "POST /repos/{owner}/{repo}/pulls",
    createReplyForReviewComment: "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
    createReview: "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    get: "GET /repos/{owner}/{repo}/pulls/{pull_number}",
    list: "GET /repos/{owner}/{repo}/pulls",
    listCommentsForReview: "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments",
    listFiles: "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
    listReviewComments: "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments",
    listReviews: "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    update: "PATCH /repos/{owner}/{repo}/pulls/{pull_number}"
  },
  reactions: { createForIssue: "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions" },
  repos: {
    compareCommitsWithBasehead: "GET /repos/{owner}/{repo}/compare/{basehead}",
    get: "GET /repos/{owner}/{repo}",
    getCollaboratorPermissionLevel: "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
    getContent: "GET /repos/{owner}/{repo}/contents/{path}"
  },
  users: { getAuthenticated: "GET /user" }
};
function usedRestMethods(octokit) {
  const rest = {};
  for (const [scope, methods] of Object.entries(ROUTES)) {
    const scoped = {};
    for (const [name, route] of Object.entries(methods)) {
      const [method, url] = route.split(" ");
      scoped[name] = octokit.request.defaults({ method, url });
    }
    rest[scope] = scoped;
  }
  return { rest };
}
var USED_ROUTES = Object.fromEntries(
  Object.entries(ROUTES).flatMap(
    ([scope, methods]) => Object.entries(methods).map(([name, route]) => [`${scope}.${name}`, route])
  )
);

// src/github/throttle-queues.ts
function group(schedule) {
  const limiter = { schedule };
  return { key: () => limiter };
}
function concurrencyGroup(limit) {
  let running = 0;
  const waiting = [];
  return group(async (options, job, ...args) => {
    if (options?.weight === 0) return job(...args);
    if (running < limit) running++;
    else await new Promise((turn) => waiting.push(turn));
    try {
      return await job(...args);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  });
}
function spacingGroup(intervalMs, now = Date.now) {
  let next = 0;
  return group(async (_options, job, ...args) => {
    const at = now();
    const wait = Math.max(0, next - at);
    next = Math.max(at, next) + intervalMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return job(...args);
  });
}
var RetryQueue = class {
  handlers = [];
  on(event, handler) {
    if (event === "failed") this.handlers.push(handler);
  }
  async schedule(job, ...args) {
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await job(...args);
      } catch (error) {
        const wait = await this.retryAfter(error, { args, retryCount });
        if (wait === void 0) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
  async retryAfter(error, info2) {
    for (const handler of this.handlers) {
      let answer;
      try {
        answer = await handler(error, info2);
      } catch {
        return void 0;
      }
      if (answer !== void 0 && answer !== null) return Math.max(0, Math.trunc(Number(answer)) || 0);
    }
    return void 0;
  }
};
var DEFAULT_NOTIFY_INTERVAL_MS = 3e3;
function throttleQueues(writeIntervalMs, notifyIntervalMs) {
  return {
    global: concurrencyGroup(10),
    auth: concurrencyGroup(1),
    search: spacingGroup(2e3),
    write: spacingGroup(writeIntervalMs),
    notifications: spacingGroup(notifyIntervalMs),
    retryLimiter: new RetryQueue()
  };
}

// src/github/transport.ts
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var MAX_REDIRECTS = 20;
var MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
var ResponseHeaders = class {
  values = /* @__PURE__ */ new Map();
  constructor(raw) {
    for (const [name, value] of Object.entries(raw)) {
      if (value === void 0) continue;
      this.values.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value);
    }
  }
  get(name) {
    return this.values.get(name.toLowerCase()) ?? null;
  }
  has(name) {
    return this.values.has(name.toLowerCase());
  }
  *[Symbol.iterator]() {
    yield* [...this.values].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  }
};
var TransportResponse = class {
  constructor(message, bytes, url, redirected) {
    this.bytes = bytes;
    this.url = url;
    this.headers = new ResponseHeaders(message.headers);
    this.status = message.statusCode ?? 0;
    this.statusText = message.statusMessage ?? "";
    this.ok = this.status >= 200 && this.status < 300;
    this.redirected = redirected;
  }
  bytes;
  url;
  headers;
  status;
  statusText;
  ok;
  redirected;
  body = null;
  async text() {
    return this.bytes.toString("utf8");
  }
  async json() {
    return JSON.parse(this.bytes.toString("utf8"));
  }
  async arrayBuffer() {
    const { buffer, byteOffset, byteLength } = this.bytes;
    return buffer.slice(byteOffset, byteOffset + byteLength);
  }
};
function headersOf(init) {
  if (init === void 0) return {};
  const entries = Symbol.iterator in Object(init) ? [...init] : Object.entries(init);
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), String(value)]));
}
function bodyOf(body) {
  if (body === void 0 || body === null) return void 0;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError("The GitHub transport sends string or byte bodies only.");
}
function networkError(cause) {
  return new TypeError("fetch failed", { cause });
}
function abortReason(signal) {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}
function send(url, sent, signal, onWire) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
      method: sent.method,
      headers: { ...sent.headers, ...sent.body ? { "content-length": String(sent.body.length) } : {} }
    });
    onWire?.(
      new Promise((flushed) => {
        request.once("finish", flushed);
        request.once("close", flushed);
      })
    );
    const onAbort = () => {
      request.destroy();
      reject(abortReason(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbort);
    request.on("error", (error) => {
      done();
      reject(signal?.aborted ? abortReason(signal) : networkError(error));
    });
    request.on("response", (message) => {
      const chunks = [];
      let size = 0;
      const tooLarge = () => {
        done();
        request.destroy();
        reject(networkError(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`)));
      };
      if (Number(message.headers["content-length"]) > MAX_RESPONSE_BYTES) return tooLarge();
      message.on("data", (chunk) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) return tooLarge();
        chunks.push(chunk);
      });
      message.on("error", (error) => {
        done();
        reject(signal?.aborted ? abortReason(signal) : networkError(error));
      });
      message.on("end", () => {
        done();
        resolve([message, Buffer.concat(chunks)]);
      });
    });
    request.end(sent.body);
  });
}
async function httpFetch(input, init = {}, onWire) {
  if (typeof input !== "string" && !(input instanceof URL))
    throw new TypeError("The GitHub transport takes a URL, not a Request.");
  let url = new URL(input);
  let sent = {
    method: (init.method ?? "GET").toUpperCase(),
    headers: headersOf(init.headers),
    body: bodyOf(init.body)
  };
  const signal = init.signal ?? void 0;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "https:" && url.protocol !== "http:")
      throw networkError(new Error(`unsupported protocol ${url.protocol}`));
    const [message, bytes] = await send(url, sent, signal, onWire);
    const status = message.statusCode ?? 0;
    const location = message.headers.location;
    if (!REDIRECTS.has(status) || location === void 0 || init.redirect === "manual")
      return new TransportResponse(message, bytes, url.href, hop > 0);
    const next = new URL(location, url);
    if (init.redirect === "error") throw networkError(new Error(`unexpected redirect to ${next.origin}`));
    if (hop >= MAX_REDIRECTS) throw networkError(new Error("too many redirects"));
    const toGet = status === 303 ? sent.method !== "HEAD" : (status === 301 || status === 302) && sent.method === "POST";
    if (next.username || next.password) throw networkError(new Error(`redirect to ${next.origin} with credentials`));
    if (url.protocol === "https:" && next.protocol !== "https:")
      throw networkError(new Error(`redirect from https to ${next.origin}`));
    if (!toGet && sent.body && next.origin !== url.origin)
      throw networkError(new Error(`redirect of a request with a body to ${next.origin}`));
    const headers = { ...sent.headers };
    if (toGet) {
      delete headers["content-type"];
      delete headers["content-length"];
    }
    if (next.origin !== url.origin) delete headers.authorization;
    sent = toGet ? { method: "GET", headers, body: void 0 } : { ...sent, headers };
    url = next;
  }
}

// src/github/client.ts
var Rest = Octokit.plugin(usedRestMethods, paginateRest);
var GitHub = Rest.plugin(retry, throttling);
function apiBaseUrl(env = process.env) {
  return env.GITHUB_API_URL || "https://api.github.com";
}
var PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"];
function fetchFor(env = process.env, onWire) {
  if (!PROXY_VARIABLES.some((name) => env[name])) return ((input, init) => httpFetch(input, init, onWire));
  let proxied;
  return async (input, init) => {
    proxied ??= import("./utils-FMOULS2K.js").then(({ defaults }) => defaults.request?.fetch);
    return (await proxied)(input, init);
  };
}
var WireWatch = class {
  waiting = [];
  pending = /* @__PURE__ */ new Set();
  /** What the transport calls with each request's flush. */
  transportHook = (flushed) => {
    const next = this.waiting.shift();
    if (next) void flushed.then(next);
  };
  watch(octokit) {
    octokit.hook.wrap("request", async (request, options) => {
      let settle = () => {
      };
      const onWire = new Promise((resolve) => {
        settle = resolve;
      });
      const done = () => {
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
  async onWire() {
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([...this.pending]);
  }
};
function userAgentOf(env = process.env) {
  const id = env.ACTIONS_ORCHESTRATION_ID?.trim();
  return id ? `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, "_")}` : void 0;
}
var DEFAULT_MAX_RATE_LIMIT_WAIT_SEC = 120;
function rateLimitDecision(kind, request, retryAfter, retryCount, limits) {
  const where = `GitHub ${kind} on ${request.method} ${request.url}`;
  if (retryAfter > limits.maxWaitSec) {
    return {
      retry: false,
      message: `${where}: GitHub asks to wait ${retryAfter} s, longer than the ${limits.maxWaitSec} s this action waits; giving up.`
    };
  }
  if (retryCount >= limits.maxRetries)
    return { retry: false, message: `${where}: giving up after ${limits.maxRetries} retries.` };
  return {
    retry: true,
    message: `${where}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${limits.maxRetries}).`
  };
}
var DEFAULT_WRITE_INTERVAL_MS = 1e3;
function fetchWithTimeout(base, timeoutMs) {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}
function createOctokit(token, options) {
  const log = options.log ?? workflowLog;
  const baseFetch = fetchFor(process.env, options.onWire);
  const limits = {
    maxRetries: options.maxRateLimitRetries,
    maxWaitSec: options.maxRateLimitWaitSec ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SEC
  };
  const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
    const decision = rateLimitDecision(kind, request, retryAfter, retryCount, limits);
    log.warning(decision.message);
    return decision.retry;
  };
  const userAgent = userAgentOf();
  return new GitHub({
    auth: `token ${token}`,
    baseUrl: apiBaseUrl(),
    ...userAgent ? { userAgent } : {},
    request: { fetch: fetchWithTimeout(baseFetch, options.requestTimeoutMs) },
    // 429 joins the plugin's defaults: rate limits are the throttling plugin's, which waits for retry-after or
    // x-ratelimit-reset; plugin-retry would retry them blindly after 1, 4 and 9 s.
    retry: { retries: options.unthrottled ? 1 : 3, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      enabled: options.unthrottled !== true,
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
      fallbackSecondaryRateRetryAfter: options.secondaryRateLimitWaitSec ?? 60,
      // The plugin's queues, without Bottleneck's timers (./throttle-queues.ts). They are undocumented overrides of
      // the plugin's state, which its typings do not list.
      ...throttleQueues(
        options.minWriteIntervalMs ?? DEFAULT_WRITE_INTERVAL_MS,
        options.minWriteIntervalMs ?? DEFAULT_NOTIFY_INTERVAL_MS
      )
    },
    log: { debug: () => {
    }, info: () => {
    }, warn: (m) => log.debug(m), error: (m) => log.debug(m) }
  });
}
function statusOf(error) {
  const status = error?.status;
  return typeof status === "number" ? status : void 0;
}
function gitHubClients(token, tuning, log = workflowLog) {
  const wire = new WireWatch();
  const octokit = createOctokit(token, {
    requestTimeoutMs: tuning.requestTimeoutMs,
    maxRateLimitRetries: 3,
    minWriteIntervalMs: tuning.minWriteIntervalMs,
    secondaryRateLimitWaitSec: tuning.secondaryRateLimitWaitSec,
    log,
    onWire: wire.transportHook
  });
  const urgent = createOctokit(token, {
    requestTimeoutMs: 3e3,
    maxRateLimitRetries: 0,
    unthrottled: true,
    log,
    onWire: wire.transportHook
  });
  wire.watch(octokit);
  wire.watch(urgent);
  return {
    octokit,
    urgent,
    onWire: () => wire.onWire()
  };
}
function transportFailure(error) {
  if (!error || typeof error !== "object" || error.response !== void 0) return void 0;
  const status = error.status;
  if (status !== void 0 && status !== 500) return void 0;
  let current = error;
  for (let depth = 0; depth < 5 && current?.cause; depth++)
    current = current.cause;
  const code = current?.code;
  const message = current instanceof Error ? current.message : String(current);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

export {
  workflowLog,
  apiBaseUrl,
  DEFAULT_WRITE_INTERVAL_MS,
  createOctokit,
  statusOf,
  gitHubClients,
  transportFailure
};
