// Turns one benchmark run (agent records, the fake GitHub's request log, timings) into the figures we report.

/** `/repos/acme/widgets/issues/42/comments` → `/repos/{owner}/{repo}/issues/{issue_number}/comments`. */
export function routeTemplate(pathname) {
  const parts = pathname.split('/');
  if (parts[1] === 'repos' && parts.length > 3) {
    parts[2] = '{owner}';
    parts[3] = '{repo}';
  }
  const names = {
    issues: '{issue_number}',
    comments: '{comment_id}',
    collaborators: '{username}',
    labels: '{name}',
    pulls: '{pull_number}',
  };
  for (let i = 4; i < parts.length; i++) {
    const placeholder = names[parts[i - 1]];
    if (placeholder && (parts[i - 1] === 'collaborators' || parts[i - 1] === 'labels' || /^\d+$/.test(parts[i])))
      parts[i] = placeholder;
  }
  return parts.join('/');
}

export function requestKind(r) {
  return `${r.method} ${routeTemplate(r.pathname)}`;
}

/** Count of requests by kind, most frequent first. */
export function requestsByKind(log) {
  const counts = new Map();
  for (const r of log) counts.set(requestKind(r), (counts.get(requestKind(r)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const CREATE_COMMENT = /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/;
// Other requests the throttling plugin spaces like comment creation (they notify): opening a pull request.
const CREATE_PULL = /^\/repos\/[^/]+\/[^/]+\/pulls$/;
const UPDATE_COMMENT = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/;

function isWrite(r) {
  return r.method !== 'GET' && r.method !== 'HEAD';
}
function isCreation(r) {
  return r.method === 'POST' && (CREATE_COMMENT.test(r.pathname) || CREATE_PULL.test(r.pathname));
}

function isCommentCreation(r) {
  return r.method === 'POST' && CREATE_COMMENT.test(r.pathname);
}
function isCommentWrite(r) {
  return isCommentCreation(r) || (r.method === 'PATCH' && UPDATE_COMMENT.test(r.pathname));
}

/** The marker key of a comment write (`status`, `agent:a01`, `answers`, `review`), or undefined. */
export function commentKey(r) {
  const body = typeof r.body === 'object' && r.body ? r.body.body : undefined;
  return typeof body === 'string'
    ? /<!-- ai-orchestra:v1 run=\S+ pipeline=\S+ key=(\S+) -->/.exec(body)?.[1]
    : undefined;
}

/**
 * The least time the spacing rules allow between `from` (the last agent's exit) and the last comment write: the writes
 * that came after `from` are replayed in the order they happened, each as early as the rules let it start (writes
 * `writeMs` apart, comment creations also `createMs` apart) as if its content was ready at `from`; earlier writes keep
 * their real times. What the tail takes beyond this bound is our code's.
 */
export function throttleBoundMs(log, from, rules) {
  let lastWrite = -Infinity;
  let lastCreate = -Infinity;
  let previous = -Infinity;
  let lastComment;
  for (const r of [...log].sort((a, b) => a.time - b.time)) {
    if (!isWrite(r)) continue;
    // A creation takes its write slot first, then waits for its creation slot; later writes may use the slots between.
    let slot = r.time;
    let at = r.time;
    if (r.time >= from) {
      slot = Math.max(from, previous, lastWrite + rules.writeMs);
      at = isCreation(r) ? Math.max(slot, lastCreate + rules.createMs) : slot;
    }
    lastWrite = slot;
    previous = at;
    if (isCreation(r)) lastCreate = at;
    if (isCommentWrite(r)) lastComment = Math.max(lastComment ?? -Infinity, at);
  }
  return lastComment === undefined ? undefined : Math.max(0, lastComment + rules.latencyMs - from);
}

/** How long at least one of `records` was running: the length of the union of their [startedAt, exitAt] intervals. */
export function coveredMs(records) {
  let total = 0;
  let end = -Infinity;
  for (const r of [...records].sort((a, b) => a.startedAt - b.startedAt)) {
    if (r.exitAt <= end) continue;
    total += r.exitAt - Math.max(r.startedAt, end);
    end = r.exitAt;
  }
  return total;
}

/**
 * The figures of one run of the action (or of the naive baseline, which has no request-level detail).
 * `records`: the bench agents' {role, startedAt, exitAt}; `floorShape`: how agent times combine on the critical path.
 */
export function measureRun({ startedAt, wallMs, records, log, latencyMs, rules, floorShape, agents, peakRssKb }) {
  const lifetime = (r) => r.exitAt - r.startedAt;
  const answers = records.filter((r) => r.role !== 'reviewer');
  const reviewers = records.filter((r) => r.role === 'reviewer');
  // The reviewer's passes (the fair judge reads the answers in two orders) run side by side: time they overlap counts once.
  const floorMs =
    floorShape === 'sequential'
      ? records.reduce((sum, r) => sum + lifetime(r), 0)
      : Math.max(0, ...answers.map(lifetime)) + coveredMs(reviewers);
  const lastExit = Math.max(...records.map((r) => r.exitAt));
  const lastAnswerExit = Math.max(...answers.map((r) => r.exitAt));
  const commentWrites = (log ?? []).filter(isCommentWrite);
  const lastCommentAt = commentWrites.length ? Math.max(...commentWrites.map((r) => r.time)) + latencyMs : undefined;
  const answerWrites = commentWrites.filter((r) => /^(agent:|answers)/.test(commentKey(r) ?? ''));
  const lastAnswerAt = answerWrites.length ? Math.max(...answerWrites.map((r) => r.time)) + latencyMs : undefined;
  const overheadMs = wallMs - floorMs;
  return {
    wallMs,
    floorMs,
    overheadMs,
    overheadPerAgentMs: overheadMs / Math.max(1, agents),
    firstSpawnMs: records.length ? Math.min(...records.map((r) => r.startedAt)) - startedAt : undefined,
    firstRequestMs: log?.length ? Math.min(...log.map((r) => r.time)) - startedAt : undefined,
    // How long starting the answering agents took, first to last (they all start at once: max-parallel is N).
    spawnSpreadMs:
      answers.length > 1
        ? Math.max(...answers.map((r) => r.startedAt)) - Math.min(...answers.map((r) => r.startedAt))
        : undefined,
    // From the last comment write reaching GitHub to the process's exit: the summary, result-file, shutdown.
    exitAfterLastWriteMs: lastCommentAt === undefined ? undefined : startedAt + wallMs - lastCommentAt,
    requests: log?.length,
    byKind: log ? requestsByKind(log) : [],
    commentCreations: log?.filter(isCommentCreation).length,
    tailMs: lastCommentAt === undefined ? undefined : lastCommentAt - lastExit,
    tailBoundMs: log ? throttleBoundMs(log, lastExit, { ...rules, latencyMs }) : undefined,
    answersVisibleMs: lastAnswerAt === undefined ? undefined : lastAnswerAt - lastAnswerExit,
    peakRssMb: peakRssKb ? peakRssKb / 1024 : undefined,
  };
}
