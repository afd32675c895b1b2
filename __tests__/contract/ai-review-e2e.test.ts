// End to end with the real CLIs: the bundled dist/index.js runs ai-review with the real claude, codex and gemini
// (pinned in __tests__/contract/clis) against the fake model APIs and the fake GitHub, and the thread is asserted from
// the fake GitHub's state.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeComment, type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { startFakeAnthropic } from '../../__fixtures__/fake-models/anthropic.js';
import { expectedAnswer, type FakeModelServer, reviewLetters } from '../../__fixtures__/fake-models/common.js';
import { startFakeGemini } from '../../__fixtures__/fake-models/gemini.js';
import { startFakeOpenAiResponses } from '../../__fixtures__/fake-models/openai-responses.js';
import { parseMarker } from '../../src/report/comment-body.js';
import { type ActionRun, makeIssueEvent, runAction, seedIssueFromEvent } from '../integration/harness.js';
import {
  claudeFakeEnv,
  codexFakeArgs,
  codexFakeEnv,
  GEMINI_TEST_MODEL,
  geminiFakeEnv,
  geminiSettings,
} from './fake-agents.js';
import { CLI_BIN, proxyEnv, proxyTrap } from './harness.js';

const AGENT_TIMEOUT_SEC = 60;

function yamlMap(indent: string, map: Record<string, string>): string[] {
  return Object.entries(map).map(([k, v]) => `${indent}${k}: ${JSON.stringify(v)}`);
}

/** The config a user would write to run the three real CLIs against these endpoints. */
function configYaml(urls: { anthropic: string; openai: string; gemini: string }): string {
  return [
    'agents:',
    '  claude:',
    '    cli: claude',
    `    timeout: ${AGENT_TIMEOUT_SEC}`,
    '    env:',
    ...yamlMap('      ', claudeFakeEnv(urls.anthropic)),
    '  codex:',
    '    cli: codex',
    `    timeout: ${AGENT_TIMEOUT_SEC}`,
    `    args: ${JSON.stringify(codexFakeArgs(urls.openai))}`,
    '    env:',
    ...yamlMap('      ', codexFakeEnv()),
    '  gemini:',
    '    cli: gemini',
    `    model: ${GEMINI_TEST_MODEL}`,
    `    timeout: ${AGENT_TIMEOUT_SEC}`,
    '    env:',
    ...yamlMap('      ', geminiFakeEnv(urls.gemini)),
    'pipelines:',
    '  ai-review:',
    '    label: ai-review',
    '    agents: [claude, codex, gemini]',
    '    reviewer: claude',
    '',
  ].join('\n');
}

function byKey(comments: FakeComment[]): Map<string, FakeComment> {
  return new Map(comments.map((c) => [parseMarker(c.body)?.key ?? `unmarked:${c.id}`, c]));
}

describe('ai-review end to end with the real claude, codex and gemini', () => {
  let gh: FakeGitHub;
  let anthropic: FakeModelServer;
  let openai: FakeModelServer;
  let gemini: FakeModelServer;
  let run: ActionRun | undefined;

  beforeAll(async () => {
    [gh, anthropic, openai, gemini] = await Promise.all([
      startFakeGitHub(),
      startFakeAnthropic(),
      startFakeOpenAiResponses(),
      startFakeGemini(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gh.close(), anthropic.close(), openai.close(), gemini.close(), run?.cleanup()]);
  });

  it('three real CLIs answer, the real claude reviews, and the thread lands on the issue', async () => {
    const event = makeIssueEvent({
      number: 7,
      title: 'Cache is not thread-safe',
      body: 'Two workers corrupt the cache under load.\nSee `cache.ts` and "$(lock)".',
    });
    seedIssueFromEvent(gh, event);
    gh.setPermission(event.sender.login, 'write');
    const proxy = await proxyTrap();
    const proxiedBefore = proxy.attempts.length;

    const started = performance.now();
    run = await runAction({
      event,
      github: gh,
      configYaml: configYaml({ anthropic: anthropic.url, openai: openai.url, gemini: gemini.url }),
      pathPrepend: [CLI_BIN],
      // runAction's HOME is <root>/home, beside the workspace: gemini reads its auth type from there.
      prepareWorkspace: async (workspace) => {
        const settings = join(dirname(workspace), 'home', '.gemini', 'settings.json');
        await mkdir(dirname(settings), { recursive: true });
        await writeFile(settings, geminiSettings());
      },
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0', ...proxyEnv(proxy.url) },
      timeoutMs: 4 * AGENT_TIMEOUT_SEC * 1_000,
    });
    console.log(`ai-review end to end with the real CLIs: ${Math.round(performance.now() - started)} ms`);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ pipeline: 'ai-review', status: 'success' });
    expect(run.leftoverProcesses).toBe(false);
    expect(proxy.attempts.slice(proxiedBefore)).toEqual([]);

    // Each CLI got the same answer prompt, with the issue in it; claude also got the reviewer prompt, in two orders
    // (the fair judge: the second shows the answers in reverse).
    const answerPrompt = openai.prompts[0]!;
    expect(answerPrompt).toContain('Two workers corrupt the cache under load.\nSee `cache.ts` and "$(lock)".');
    expect(gemini.prompts).toEqual([answerPrompt]);
    expect(anthropic.prompts).toHaveLength(3);
    expect(anthropic.prompts[0]).toBe(answerPrompt);
    const reviewerPrompts = anthropic.prompts.slice(1);
    expect(reviewerPrompts.map((p) => reviewLetters(p)!.join('')).sort()).toEqual(['ABC', 'CBA']);

    const comments = byKey(gh.commentsOn(7));
    expect([...comments.keys()].sort()).toEqual(['agent:claude', 'agent:codex', 'agent:gemini', 'review', 'status']);
    for (const agent of ['claude', 'codex', 'gemini']) {
      const body = comments.get(`agent:${agent}`)!.body;
      expect(body).toContain(expectedAnswer(answerPrompt));
      expect(body).toMatch(/✅ answered in \d/);
      expect(body).toMatch(/tokens/);
    }

    // The fake reviewer ranks the letters in the reverse of the order it sees them: a position-biased judge. Over the
    // two orders its preferences cancel out, so every answer ties with low confidence and no medal is given.
    const review = comments.get('review')!.body;
    const legend = new Map([...review.matchAll(/\b([A-C]) = (claude|codex|gemini)\b/g)].map((m) => [m[1]!, m[2]!]));
    expect([...legend.keys()].sort()).toEqual(['A', 'B', 'C']);
    const rows = review.split('\n').filter((l) => /^\| =1 \|/.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/⚠️ low/);
    expect(review).not.toContain('🥇');
    expect(review).toContain('combined by Borda count');
    expect(reviewerPrompts.some((p) => review.includes(expectedAnswer(p).split('\n')[1]!))).toBe(true);
    expect(comments.get('status')!.body).toContain('<!-- ai-orchestra:state=success');
  });
});
