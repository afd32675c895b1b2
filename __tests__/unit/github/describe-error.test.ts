// A GitHub request that never got an answer (DNS, refused connection) is named as such in warnings and errors:
// Octokit reports it as status 500 without a response, which is not GitHub's 500.
import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { describe as describeError } from '../../../src/github/comments.js';

describe('describe (GitHub errors in warnings)', () => {
  it('calls a request that never got an answer a network failure, not "HTTP 500"', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const network = new RequestError('fetch failed', 500, {
      request: { method: 'GET', url: 'https://api.github.com/x', headers: {} },
    });
    (network as { cause?: unknown }).cause = new TypeError('fetch failed', { cause: refused });
    expect(describeError(network)).toBe('GitHub could not be reached (connect ECONNREFUSED 127.0.0.1:9)');
    const answered = new RequestError('Server Error', 500, {
      request: { method: 'GET', url: 'https://api.github.com/x', headers: {} },
      response: { status: 500, url: 'https://api.github.com/x', headers: {}, data: {} },
    });
    expect(describeError(answered)).toBe('HTTP 500: Server Error');
  });
});
