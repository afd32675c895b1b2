// Agents that print secrets: the provider keys they were given, values from the action's environment, tokens.
// None may reach a comment, the job summary, an output, the log or result-file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_TOKEN } from '../integration/harness.js';
import { byKey, configYaml, ISSUE, published, useAdversary, writeScript } from './helpers.js';

// Canaries shaped like no known token pattern: only knowing the exact value can catch them.
const PROVIDER_KEY = 'canary-provider-key-7d3f9a1c5e';
const CONFIG_SECRET = 'canary-config-secret-4b8e2d6a0f';
const PAT = `ghp_${'Xy7'.repeat(12)}`;
const LEAKS = [PROVIDER_KEY, CONFIG_SECRET, PAT, FAKE_TOKEN];

// Prints its own environment and its parent's (the action's), then a personal access token.
const LEAKY_AGENT = `
const { readFileSync } = require('node:fs');
readFileSync(0);
const lines = ['Everything I can see:'];
for (const [k, v] of Object.entries(process.env)) lines.push(k + '=' + v);
try {
  lines.push(...readFileSync('/proc/' + process.ppid + '/environ', 'utf8').split('\\0'));
} catch (e) {
  lines.push('parent environment unreadable: ' + e.message);
}
lines.push('and a PAT: ${PAT}');
process.stdout.write(lines.join('\\n') + '\\n');
`;

function expectNoLeak(text: string): void {
  for (const secret of LEAKS) expect(text).not.toContain(secret);
}

describe('adversarial: secrets printed by agents', () => {
  const t = useAdversary('secrets');

  it('answers that print provider keys, config secrets and tokens are redacted everywhere', async () => {
    const leaky = writeScript(t.scratch, 'leaky-agent', LEAKY_AGENT);
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(
        t.records,
        {
          claude: {
            env: { FAKE_ANSWER: `Key ${PROVIDER_KEY}, PAT ${PAT}, token ${FAKE_TOKEN}. Done.`, FAKE_DELAY_MS: '0' },
          },
          leaky: { command: [leaky], env: { SERVICE_TOKEN: CONFIG_SECRET } },
          gemini: { env: { FAKE_DELAY_MS: '0' } },
        },
        { agents: ['claude', 'leaky'], reviewer: 'gemini' },
      ),
      env: { ANTHROPIC_API_KEY: PROVIDER_KEY },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.status).toBe('success');

    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect(comments.get('agent:claude')!.body).toContain('Key [REDACTED], PAT [REDACTED], token [REDACTED]. Done.');
    expect(comments.get('agent:leaky')!.body).toContain('Everything I can see:');
    expectNoLeak(published(run, t.gh));
    // Redacted before being written at all, not only before being posted.
    for (const file of readdirSync(join(run.runnerTemp, 'ai-orchestra'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.(json|md)$/.test(f),
    )) {
      expectNoLeak(readFileSync(join(run.runnerTemp, 'ai-orchestra', file), 'utf8'));
    }

    // The runner is told to mask the known values in its own log.
    for (const secret of [PROVIDER_KEY, CONFIG_SECRET, FAKE_TOKEN])
      expect(run.stdout).toContain(`::add-mask::${secret}`);
    // The reviewer is another vendor's model: it sees the answers, not the keys inside them.
    const calls = await t.calls();
    const reviewer = calls.find((c) => c.cli === 'gemini')!;
    expect(reviewer.prompt).toContain('Done.');
    expectNoLeak(reviewer.prompt!);
    // The key still reaches the one agent that needs it.
    expect(calls.find((c) => c.cli === 'claude')!.env.ANTHROPIC_API_KEY).toBe(PROVIDER_KEY);
  }, 30_000);

  it('values an agent receives under names that do not say "secret" are redacted too, and URL passwords', async () => {
    // Not shaped like any token, and named like nothing secret: only knowing what the agent was given catches them.
    const passed = 'q8Zk2Lm9Vx4Tr7Np3Wc1';
    const configured = 'Zt5Qe8Rw2Yu6Io1Pa4Sd';
    const urlPassword = 'idx-s3cret-99-pw';
    const leaky = writeScript(t.scratch, 'leaky-agent', LEAKY_AGENT);
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(
        t.records,
        {
          leaky: { command: [leaky], passEnv: ['LLM_ACCESS', 'PIP_INDEX_URL'], env: { LLM_SESSION: configured } },
          gemini: { env: { FAKE_DELAY_MS: '0' } },
        },
        { agents: ['leaky'], reviewer: 'gemini' },
      ),
      env: { LLM_ACCESS: passed, PIP_INDEX_URL: `https://indexuser:${urlPassword}@pypi.example.test/simple` },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const comments = byKey(t.gh.commentsOn(ISSUE));
    const answer = comments.get('agent:leaky')!.body;
    // The agent really saw them (so the test can see a leak), and the public part of the URL stays readable.
    expect(answer).toContain('LLM_ACCESS=[REDACTED]');
    expect(answer).toContain('LLM_SESSION=[REDACTED]');
    // A URL to a foreign host is posted as code.
    expect(answer).toMatch(/PIP_INDEX_URL=`?https:\/\/indexuser:\[REDACTED\]@pypi\.example\.test\/simple/);
    const everything = published(run, t.gh);
    for (const secret of [passed, configured, urlPassword]) expect(everything).not.toContain(secret);
    const reviewer = (await t.calls()).find((c) => c.cli === 'gemini')!;
    for (const secret of [passed, configured, urlPassword]) expect(reviewer.prompt).not.toContain(secret);
  }, 30_000);

  it('secrets in a failing agent’s error output are redacted from its comment, the status, the error and the log', async () => {
    const event = t.seeded();
    const fail = { FAKE_MODE: 'fail', FAKE_ERROR: `bad key ${PROVIDER_KEY} for ${PAT}`, FAKE_DELAY_MS: '0' };
    const run = await t.label(event, {
      configYaml: configYaml(t.records, { claude: { env: fail }, gemini: { env: fail } }),
      env: { ANTHROPIC_API_KEY: PROVIDER_KEY, GEMINI_API_KEY: PROVIDER_KEY },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failure');
    const comments = byKey(t.gh.commentsOn(ISSUE));
    expect(comments.get('agent:claude')!.body).toContain('bad key [REDACTED] for [REDACTED]');
    expect(comments.get('status')!.body).toMatch(/Failed/);
    expect(run.stdout).toMatch(/^::error::/m);
    expectNoLeak(published(run, t.gh));
  }, 30_000);

  it('a dry run prints comments to the log with the secrets redacted', async () => {
    const event = t.seeded();
    const run = await t.label(event, {
      configYaml: configYaml(t.records, {
        claude: { env: { FAKE_ANSWER: `Key ${PROVIDER_KEY} and ${PAT}.`, FAKE_DELAY_MS: '0' } },
      }),
      env: { ANTHROPIC_API_KEY: PROVIDER_KEY },
      inputs: { 'dry-run': 'true' },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('Key [REDACTED] and [REDACTED].');
    expectNoLeak(published(run, t.gh));
    const commentsDir = join(run.outputs['result-file']!, '..', 'comments');
    for (const file of readdirSync(commentsDir)) expectNoLeak(readFileSync(join(commentsDir, file), 'utf8'));
  }, 30_000);
});
