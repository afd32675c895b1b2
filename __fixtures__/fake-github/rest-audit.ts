// The auditor the test suite installs in the fake GitHub: every request is held to GitHub's REST description,
// and every response the fake itself gives, apart from the statuses simplifications.ts lists.
import { checkRequest, checkResponse, findOperation } from '../github-description/rest.js';
import { type ExchangeAuditor, takeViolations } from './server.js';
import { AMBIGUOUS_ERROR_RESPONSES, UNDOCUMENTED_STATUSES } from './simplifications.js';

const undocumented = new Set(UNDOCUMENTED_STATUSES.map((s) => s.status));

export const restAuditor: ExchangeAuditor = {
  request: (req) => {
    const { problems, invalidBody } = checkRequest(req);
    return invalidBody ? { problems, invalidBody } : { problems };
  },
  response: (req, status, body) => {
    const found = findOperation(req.method, req.pathname);
    // A request to no documented operation is already a violation; its 404 has nothing to be checked against.
    if (!found) return [];
    const op = found.operation;
    if (AMBIGUOUS_ERROR_RESPONSES.some((a) => a.operationId === op.operationId && a.status === status)) {
      const { [String(status)]: _ambiguous, ...responses } = op.responses;
      return checkResponse({ ...op, responses }, status, body, new Set([status]));
    }
    return checkResponse(op, status, body, undocumented);
  },
};

/** Throws, naming each one, when a fake GitHub of this process recorded violations since the last call. */
export function assertNoViolations(): void {
  const violations = takeViolations();
  if (violations.length) {
    throw new Error(
      `The fake GitHub saw ${violations.length} exchange(s) that GitHub's REST description does not allow:\n` +
        violations.map((v) => `- ${v.kind}: ${v.message}`).join('\n'),
    );
  }
}
