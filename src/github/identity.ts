// The login the run's token posts as, learned once per client and shared by everything that must tell our own
// comments and reviews from copies: anyone, bots included, can paste our hidden markers into what they write.
import type { Octokit } from './client.js';

// The account GITHUB_TOKEN posts as.
export const INSTALLATION_TOKEN_LOGIN = 'github-actions[bot]';

export class OwnIdentity {
  private seen?: string;
  private asked?: Promise<string>;

  constructor(private readonly octokit: Octokit) {}

  /**
   * `GET /user` answers for a personal access token. An installation token may not ask (403): then it is the
   * workflow's GITHUB_TOKEN, whose comments are github-actions[bot]'s, until something we posted shows the login
   * we really post as (another app's bot).
   */
  async login(): Promise<string> {
    this.asked ??= this.octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login || INSTALLATION_TOKEN_LOGIN,
      () => INSTALLATION_TOKEN_LOGIN,
    );
    const asked = await this.asked;
    return this.seen ?? asked;
  }

  /** What we just posted was written by `login`: that is who we are. */
  observe(login: string | undefined): void {
    if (login) this.seen = login;
  }
}

const identities = new WeakMap<Octokit, OwnIdentity>();

/** The one identity of a client: the comment store and the pipelines' GitHub access share what it learned. */
export function identityOf(octokit: Octokit): OwnIdentity {
  let identity = identities.get(octokit);
  if (!identity) identities.set(octokit, (identity = new OwnIdentity(octokit)));
  return identity;
}
