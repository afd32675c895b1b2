// The REST methods the action calls, under the names and routes @octokit/plugin-rest-endpoint-methods gives them,
// without that plugin's table of every endpoint GitHub has (about 100 kB to load at start-up, for 24 routes).
// __tests__/unit/github/rest.test.ts holds each route to the plugin's.
import type { Octokit as OctokitCore } from '@octokit/core';
import type { Api } from '@octokit/plugin-rest-endpoint-methods';

type RestEndpointMethods = Api['rest'];

const ROUTES = {
  actions: { listJobsForWorkflowRun: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs' },
  checks: { listForSuite: 'GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs' },
  issues: {
    addLabels: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    createComment: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    deleteComment: 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
    get: 'GET /repos/{owner}/{repo}/issues/{issue_number}',
    listComments: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    updateComment: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  },
  pulls: {
    create: 'POST /repos/{owner}/{repo}/pulls',
    createReplyForReviewComment: 'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies',
    createReview: 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    get: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
    list: 'GET /repos/{owner}/{repo}/pulls',
    listCommentsForReview: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments',
    listFiles: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    listReviewComments: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
    listReviews: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    update: 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
  },
  reactions: { createForIssue: 'POST /repos/{owner}/{repo}/issues/{issue_number}/reactions' },
  repos: {
    compareCommitsWithBasehead: 'GET /repos/{owner}/{repo}/compare/{basehead}',
    get: 'GET /repos/{owner}/{repo}',
    getCollaboratorPermissionLevel: 'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
    getContent: 'GET /repos/{owner}/{repo}/contents/{path}',
  },
  users: { getAuthenticated: 'GET /user' },
} as const;

export type UsedRoutes = typeof ROUTES;

/** `octokit.rest` as the plugin types it, narrowed to the methods in ROUTES. */
export type UsedRestMethods = {
  [Scope in keyof UsedRoutes]: Pick<
    RestEndpointMethods[Scope],
    keyof UsedRoutes[Scope] & keyof RestEndpointMethods[Scope]
  >;
};

/** The Octokit plugin: `octokit.rest.<scope>.<method>`, each a request with its route as defaults, as the plugin makes. */
export function usedRestMethods(octokit: OctokitCore): { rest: UsedRestMethods } {
  const rest: Record<string, Record<string, unknown>> = {};
  for (const [scope, methods] of Object.entries(ROUTES)) {
    const scoped: Record<string, unknown> = {};
    for (const [name, route] of Object.entries(methods)) {
      const [method, url] = route.split(' ') as [string, string];
      scoped[name] = octokit.request.defaults({ method, url });
    }
    rest[scope] = scoped;
  }
  return { rest: rest as unknown as UsedRestMethods };
}

/** Every route by `scope.method`, for the test that compares them with the plugin's. */
export const USED_ROUTES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ROUTES).flatMap(([scope, methods]) =>
    Object.entries(methods).map(([name, route]) => [`${scope}.${name}`, route]),
  ),
);
