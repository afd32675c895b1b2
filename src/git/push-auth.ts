// How a push authenticates without the token ever reaching argv or a URL, and how a refused push is recognized.
import { withoutUrlCredentials } from '../security/url-credentials.js';

/** What git and GitHub print when the token may not push (HTTPS 403/404, or no credentials at all). */
const PUSH_DENIED =
  /\b40[34]\b|Permission to \S+ denied|denied to|Repository not found|could not read Username|Authentication failed|write access to repository not granted/i;

export function isPushDenied(gitOutput: string): boolean {
  return PUSH_DENIED.test(gitOutput);
}

/** Removes user and password from an https URL, so that nothing secret lands in argv. */
export function withoutCredentials(url: string): string {
  return /^https?:\/\//i.test(url) ? withoutUrlCredentials(url) : url;
}

/**
 * The variables that give one git command an HTTP Authorization header for `serverUrl` only. An empty value
 * first clears the header actions/checkout may have stored (two Authorization headers make GitHub answer 400).
 */
export function authConfigEnv(serverUrl: string, token: string): Record<string, string> {
  const key = `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`;
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  return {
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: key,
    GIT_CONFIG_VALUE_0: '',
    GIT_CONFIG_KEY_1: key,
    GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basic}`,
  };
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
