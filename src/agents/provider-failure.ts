// Tells a provider failure (authentication, quota or rate limit, server error, unreachable, timeout) from any other,
// per CLI, from what the contract suite saw each real CLI print for it (__fixtures__/cli-output).
import type { AgentRun } from './types.js';

export type ProviderReason = 'authentication' | 'rate-limit' | 'server-error' | 'unreachable' | 'timeout';

export const PROVIDER_REASON_TEXT: Record<ProviderReason, string> = {
  authentication: 'authentication failed',
  'rate-limit': 'a rate limit or quota was reached',
  'server-error': 'the provider had a server error',
  unreachable: 'the provider could not be reached',
  timeout: 'it timed out',
};

/** Gemini CLI's exit code for an authentication failure. */
const GEMINI_EXIT_AUTH = 41;
/** Qwen's exit code for its wall-clock budget, which it reaches while retrying 429/5xx answers or an unreachable API. */
const QWEN_EXIT_BUDGET = 55;

const PATTERNS: [ProviderReason, RegExp][] = [
  [
    'authentication',
    /\b(?:status|HTTP|error:?|code)\s*[:=]?\s*40[13]\b|\b40[13] (?:Unauthorized|Forbidden)|API error status 40[13]|unauthori[sz]ed|unauthenticated|authentication (?:failed|error)|errorType"?:\s*"?authentication|invalid (?:x-)?api[ -]?key|incorrect api key|api key not valid|API_KEY_INVALID|please run \/login/i,
  ],
  [
    'rate-limit',
    /\b(?:status|HTTP|error:?|code|API error status)\s*[:=]?\s*429\b|\[API Error: 429|\b429 (?:Too Many|Rate)|rate[ _-]?limit|exceeded your current quota|quota exceeded|RESOURCE_EXHAUSTED|too many requests|usage limit/i,
  ],
  [
    'server-error',
    /\b(?:status|HTTP|error:?|code|API error status)\s*[:=]?\s*5\d\d\b|\[API Error: 5\d\d|\b5\d\d (?:Internal|Bad Gateway|Service Unavailable|Gateway)|server had an error|internal server error|overloaded|service unavailable/i,
  ],
  [
    'unreachable',
    /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|cannot connect to API|could not connect|unable to connect|waiting for network|connection failed|connection refused|network error/i,
  ],
];

/** Why `run` failed on the provider's side, or undefined (it answered, was cancelled or stopped, or failed otherwise). */
export function providerFailure(
  run: Pick<AgentRun, 'status' | 'cli' | 'exitCode' | 'error' | 'outputTail'>,
): ProviderReason | undefined {
  if (run.status === 'timeout') return 'timeout';
  if (run.status !== 'failure') return undefined;
  // Not started (CLI missing, install failed): a setup problem on our side, not the provider's.
  if (run.error?.startsWith('not started:') || /was not found on PATH|could not start `/.test(run.error ?? ''))
    return undefined;
  if (run.cli === 'gemini' && run.exitCode === GEMINI_EXIT_AUTH) return 'authentication';
  // Qwen's budget explanation names every possible cause (429, 5xx, unreachable): it says nothing about this one.
  const text = `${run.error ?? ''}\n${run.outputTail}`.replace(
    /qwen stopped at its run budget[\s\S]*?longer `timeout`/,
    '',
  );
  const matched = PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
  if (matched) return matched;
  // Qwen retries 5xx answers and an unreachable API silently until its wall-clock budget stops it.
  if (run.cli === 'qwen' && run.exitCode === QWEN_EXIT_BUDGET) return 'timeout';
  return undefined;
}
