// How each real CLI is pointed at its fake model API: the env, args and HOME files a user's config would carry.
import { freshHome } from './harness.js';

export const CLAUDE_TEST_KEY = 'sk-ant-fake';
export const CODEX_TEST_KEY = 'sk-fake';
export const GEMINI_TEST_KEY = 'fake-gemini-key';
export const GEMINI_TEST_MODEL = 'gemini-2.5-pro';

/** claude honours ANTHROPIC_BASE_URL (the adapter itself sets CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1). */
export function claudeFakeEnv(baseUrl: string): Record<string, string> {
  return { ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_API_KEY: CLAUDE_TEST_KEY };
}

/**
 * codex ignores OPENAI_BASE_URL: a custom provider is the way to point it at another endpoint (its key is read
 * from FAKE_OPENAI_KEY). Retries off so a failing fake fails fast; no analytics, update check or plugin sync.
 */
export function codexFakeArgs(baseUrl: string): string[] {
  return [
    '-c',
    'model_provider=fake',
    '-c',
    `model_providers.fake={name="fake",base_url="${baseUrl}/v1",env_key="FAKE_OPENAI_KEY",wire_api="responses"}`,
    '-c',
    'model_providers.fake.request_max_retries=0',
    '-c',
    'model_providers.fake.stream_max_retries=0',
    '-c',
    'analytics.enabled=false',
    '-c',
    'check_for_update_on_startup=false',
    '--disable',
    'plugins',
  ];
}

export function codexFakeEnv(): Record<string, string> {
  return { FAKE_OPENAI_KEY: CODEX_TEST_KEY };
}

export function geminiFakeEnv(baseUrl: string): Record<string, string> {
  return { GOOGLE_GEMINI_BASE_URL: baseUrl, GEMINI_API_KEY: GEMINI_TEST_KEY };
}

/**
 * gemini reads its auth type from ~/.gemini/settings.json (without it: exit 41, "Please set an Auth method");
 * maxAttempts 1 turns off its retry loop, which otherwise outlasts a 90 s timeout on a 429.
 */
export function geminiSettings(opts: { maxAttempts?: number } = {}): string {
  return JSON.stringify({
    security: { auth: { selectedType: 'gemini-api-key' } },
    privacy: { usageStatisticsEnabled: false },
    ...(opts.maxAttempts !== undefined ? { general: { maxAttempts: opts.maxAttempts } } : {}),
  });
}

export function geminiHome(opts: { maxAttempts?: number } = {}): string {
  return freshHome({ '.gemini/settings.json': geminiSettings(opts) });
}
