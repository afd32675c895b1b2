// Our narrowed `octokit.rest` against @octokit/plugin-rest-endpoint-methods: same names, same routes, same requests.
import { Octokit as OctokitCore } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { describe, expect, it, vi } from 'vitest';
import { USED_ROUTES, usedRestMethods } from '../../../src/github/rest.js';

type Method = { endpoint: { DEFAULTS: { method: string; url: string } } };
const methodOf = (rest: unknown, key: string): Method | undefined => {
  const [scope, name] = key.split('.') as [string, string];
  return (rest as Record<string, Record<string, Method>>)[scope]?.[name];
};

describe('usedRestMethods', () => {
  const ours = new (OctokitCore.plugin(usedRestMethods))();
  const plugins = new (OctokitCore.plugin(restEndpointMethods))();

  it('defines each method with the route the plugin gives it', () => {
    expect(Object.keys(USED_ROUTES).length).toBeGreaterThan(20);
    for (const key of Object.keys(USED_ROUTES)) {
      const theirs = methodOf(plugins.rest, key);
      expect(theirs, `${key} is not a method of the plugin`).toBeDefined();
      const { method, url } = theirs!.endpoint.DEFAULTS;
      expect(methodOf(ours.rest, key)?.endpoint.DEFAULTS, key).toMatchObject({ method, url });
      expect(USED_ROUTES[key]).toBe(`${method} ${url}`);
    }
  });

  it('sends the same request as the plugin, and pages as the plugin’s methods do', async () => {
    const seen: string[] = [];
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      seen.push(`${init?.method} ${url}`);
      const page = new URL(url).searchParams.get('page');
      const link = page ? '' : '<https://api.github.test/repos/o/r/issues/1/comments?per_page=1&page=2>; rel="next"';
      return new Response(JSON.stringify([{ id: page ? 2 : 1 }]), {
        status: 200,
        headers: { 'content-type': 'application/json', ...(link ? { link } : {}) },
      });
    });
    const Client = OctokitCore.plugin(usedRestMethods, paginateRest);
    const client = new Client({ baseUrl: 'https://api.github.test', request: { fetch } });
    const comments = await client.paginate(client.rest.issues.listComments, {
      owner: 'o',
      repo: 'r',
      issue_number: 1,
      per_page: 1,
    });
    expect(comments.map((c) => c.id)).toEqual([1, 2]);
    expect(seen).toEqual([
      'GET https://api.github.test/repos/o/r/issues/1/comments?per_page=1',
      'GET https://api.github.test/repos/o/r/issues/1/comments?per_page=1&page=2',
    ]);
  });
});
