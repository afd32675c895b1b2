// The issue_comment.created payload of a question on issue 12: the comment is added to the fake GitHub first, so the
// payload names its real id and address (shared by the /ask integration tests).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { REPO_ROOT } from './harness.js';

export function payload(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(REPO_ROOT, '__fixtures__', 'payloads', name), 'utf8'));
}

/** Adds `question` by `user` to issue 12 and returns the event of its creation. */
export function askEvent(gh: FakeGitHub, question: string, user = 'maintainer'): Record<string, any> {
  const event = payload('issue-comment-created-ask-issue.json');
  const asked = gh.addComment({ number: 12, body: question, user });
  event.comment = {
    ...event.comment,
    id: asked.id,
    body: question,
    html_url: asked.html_url,
    user: { ...event.comment.user, login: user },
  };
  event.sender = { ...event.sender, login: user };
  return event;
}
