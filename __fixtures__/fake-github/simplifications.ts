// The one list of places where the fake GitHub knowingly differs from GitHub's REST description, and why.
// Everything else the fake answers is checked against the description (see rest-audit.ts); prefer fixing the fake
// over adding a line here. Not checked at all: responses a test injects with failNext (faults on purpose, such as
// a 502 or a secondary rate limit, which GitHub documents nowhere), and the fake artifact service
// (__fixtures__/fake-artifacts/), which stands for the Actions results service, not GitHub's REST API.

export interface UndocumentedStatus {
  status: number;
  why: string;
}

/**
 * Statuses GitHub sends on any operation but documents on few: the fake answers them for every route, so a
 * response with one of these is checked against GitHub's error shape (basic-error) instead of the operation's list.
 */
export const UNDOCUMENTED_STATUSES: readonly UndocumentedStatus[] = [
  { status: 400, why: 'a body that is not JSON: GitHub answers 400 "Problems parsing JSON" on any route' },
  { status: 401, why: 'no Authorization header: GitHub answers 401 "Requires authentication" on any route' },
  {
    status: 404,
    why: 'a missing resource: GitHub answers 404 on any route, also where its description lists no 404 (issues/update-comment of a deleted comment)',
  },
];

export interface AmbiguousErrorResponse {
  operationId: string;
  status: number;
  why: string;
}

/**
 * Documented error responses whose schema no error body can meet: a oneOf of error shapes with only optional
 * properties, which any body matches twice. The fake's body is checked against basic-error instead.
 */
export const AMBIGUOUS_ERROR_RESPONSES: readonly AmbiguousErrorResponse[] = [
  {
    operationId: 'repos/create-or-update-file-contents',
    status: 409,
    why: 'oneOf basic-error and repository-rule-violation-error: GitHub\'s own "does not match" conflict matches both',
  },
];
