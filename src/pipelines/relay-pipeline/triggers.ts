// The relay's triggers on its own pull request: a review that requests changes restarts it on the pull request's branch.

import { pullRequestFromPayload } from '../../domain/target.js';
import { type EventTrigger, senderOf, type TriggerDecision } from '../../kernel/definition.js';
import type { RelayPipelineConfig } from './config.js';
import type { RelayDetail } from './continue.js';
import { INSTALLATION_LOGIN, notTheRelays } from './follow-up.js';

/**
 * pull_request_review.submitted with changes requested, on a pull request the relay opened (a relay branch of this
 * repository, opened by the login the token writes as). Anything else is skipped with its reason in the log; the
 * reviewer's permission is checked by the kernel like any sender's.
 */
export const reviewRequestedChanges: EventTrigger<RelayPipelineConfig, RelayDetail> = {
  events: ['pull_request_review'],
  describe: 'pull_request_review (submitted, changes requested) on a pull request the relay opened',
  async match(event, _pipeline, lookups): Promise<TriggerDecision<RelayDetail>> {
    if (event.action !== 'submitted') return { kind: 'not-mine' };
    const pull = event.payload.pull_request as Record<string, any> | undefined;
    const review = event.payload.review as Record<string, any> | undefined;
    if (!pull || typeof pull.number !== 'number' || !review)
      throw new Error('The pull_request_review event payload has no pull request or review.');
    const state = String(review.state ?? '').toLowerCase();
    if (state !== 'changes_requested')
      return {
        kind: 'skip',
        reason: `review ${review.id} on pull request #${pull.number} is "${state}"; only changes requested restart the relay`,
      };
    const target = pullRequestFromPayload(event, pull);
    const ownLogin = lookups?.ownLogin ? await lookups.ownLogin() : INSTALLATION_LOGIN;
    const problem = notTheRelays(target, `${event.owner}/${event.repo}`, ownLogin);
    if (problem) return { kind: 'skip', reason: `${problem}, so the review does not restart the relay` };
    const author = String(review.user?.login ?? '');
    // With a personal access token our own reviews (pr-review's) would trigger workflows: they never restart the relay.
    if (author.toLowerCase() === ownLogin.toLowerCase())
      return {
        kind: 'skip',
        reason: `review ${review.id} is by ${author}, the identity the relay writes as; its own reviews do not restart it`,
      };
    return {
      kind: 'run',
      target,
      sender: senderOf(event.payload),
      trigger: {
        kind: 'event',
        event: 'pull_request_review.submitted',
        description: `changes requested by ${author} in review ${review.id} on pull request #${pull.number}`,
      },
      detail: {
        kind: 'review',
        review: { id: Number(review.id), author, body: String(review.body ?? ''), url: String(review.html_url ?? '') },
      },
    };
  },
};
