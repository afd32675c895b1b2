// Contract: which real CLIs resume a session. Turn one runs in one HOME; our session store keeps the CLI's session
// files and restores them into a fresh HOME (a new runner); turn two resumes the session id our adapter captured.
// The evidence is the fake model's second request: it must carry the first turn (its prompt and the answer).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../../__fixtures__/fake-models/anthropic.js';
import { expectedAnswer, type FakeModelServer, unusedPort } from '../../__fixtures__/fake-models/common.js';
import { startFakeGemini } from '../../__fixtures__/fake-models/gemini.js';
import { FAKE_CHAT_MODEL, startOpenAiChatServer } from '../../__fixtures__/fake-models/openai-chat.js';
import { startFakeOpenAiResponses } from '../../__fixtures__/fake-models/openai-responses.js';
import type { AgentSpec } from '../../src/agents/types.js';
import { createSessionStore, folderSessionBackend } from '../../src/sessions/store.js';
import {
  claudeFakeEnv,
  codexFakeArgs,
  codexFakeEnv,
  GEMINI_TEST_MODEL,
  geminiFakeEnv,
  geminiSettings,
} from './fake-agents.js';
import { deadProxyEnv, freshHome, printed, runRealCli } from './harness.js';

const FIRST = 'SESSION-TURN-ONE remember the word walnut';
const SECOND = 'SESSION-TURN-TWO which word did I ask you to remember';

type Agent = Omit<AgentSpec, 'args' | 'env' | 'passEnv' | 'timeoutSec'> & Partial<AgentSpec>;

interface Case {
  cli: string;
  start(): Promise<FakeModelServer>;
  agent(url: string): Promise<Agent>;
  homeFiles?: Record<string, string>;
  /** false: the CLI prints a session id, but its sessions cannot be kept apart (follow-ups rebuild the context). */
  resumes?: false;
  /** What the resumed run's model request must still show of read-only mode. */
  readOnly?(body: string): void;
}

const chatProvider = (url: string) => ({
  provider: {
    fake: {
      npm: '@ai-sdk/openai-compatible',
      name: 'Fake',
      options: { baseURL: `${url}/v1`, apiKey: 'sk-fake-contract' },
      models: { [FAKE_CHAT_MODEL]: { name: 'Fake' } },
    },
  },
  model: `fake/${FAKE_CHAT_MODEL}`,
});

const CASES: Case[] = [
  {
    cli: 'claude',
    start: () => startFakeAnthropic(),
    agent: async (url) => ({ name: 'claude', cli: 'claude', timeoutSec: 60, env: claudeFakeEnv(url) }),
    readOnly: (body) => expect(JSON.parse(body).tools.map((t: { name: string }) => t.name)).not.toContain('Bash'),
  },
  {
    cli: 'codex',
    start: () => startFakeOpenAiResponses(),
    agent: async (url) => ({
      name: 'codex',
      cli: 'codex',
      timeoutSec: 60,
      args: codexFakeArgs(url),
      env: codexFakeEnv(),
    }),
    readOnly: (body) => expect(/`sandbox_mode` is `([a-z-]+)`/.exec(body)?.[1]).toBe('read-only'),
  },
  {
    cli: 'gemini',
    start: () => startFakeGemini(),
    agent: async (url) => ({
      name: 'gemini',
      cli: 'gemini',
      model: GEMINI_TEST_MODEL,
      timeoutSec: 60,
      env: geminiFakeEnv(url),
    }),
    homeFiles: { '.gemini/settings.json': geminiSettings() },
  },
  {
    cli: 'qwen',
    start: () => startOpenAiChatServer({ lifetimeMs: 180_000 }),
    agent: async (url) => ({
      name: 'qwen',
      cli: 'qwen',
      timeoutSec: 60,
      env: {
        OPENAI_BASE_URL: `${url}/v1`,
        OPENAI_API_KEY: 'sk-fake-contract',
        OPENAI_MODEL: FAKE_CHAT_MODEL,
        ...deadProxyEnv(await unusedPort()),
      },
    }),
  },
  {
    cli: 'copilot',
    start: () => startOpenAiChatServer({ lifetimeMs: 180_000 }),
    agent: async (url) => ({
      name: 'copilot',
      cli: 'copilot',
      timeoutSec: 90,
      env: {
        COPILOT_PROVIDER_BASE_URL: `${url}/v1`,
        COPILOT_PROVIDER_API_KEY: 'sk-fake-contract',
        COPILOT_MODEL: FAKE_CHAT_MODEL,
        COPILOT_OFFLINE: 'true',
        ...deadProxyEnv(await unusedPort()),
      },
    }),
  },
  {
    cli: 'opencode',
    start: () => startOpenAiChatServer({ lifetimeMs: 180_000 }),
    resumes: false,
    agent: async (url) => ({
      name: 'opencode',
      cli: 'opencode',
      timeoutSec: 150,
      env: { OPENCODE_CONFIG_CONTENT: JSON.stringify(chatProvider(url)), ...deadProxyEnv(await unusedPort()) },
    }),
  },
];

const only = process.env.SESSION_CLIS?.split(',');

/** The files below `dir` that are not the CLIs' own installs, for a failure message. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => !/node_modules|pkg|\.cache/.test(p))
    .slice(0, 80);
}
const scratch = mkdtempSync(join(tmpdir(), 'ai-orchestra-sessions-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(CASES.filter((c) => !only || only.includes(c.cli)))(
  '$cli: a follow-up on a fresh runner',
  ({ cli, start, agent, homeFiles, resumes, readOnly }) => {
    it('resumes the session our store restored: the second request carries the first turn (or the store says why not)', {
      timeout: 400_000,
    }, async () => {
      const api = await start();
      try {
        const spec = await agent(api.url);
        const workingDirectory = mkdtempSync(join(scratch, `${cli}-work-`));
        const homeA = freshHome(homeFiles);
        const first = await runRealCli({ agent: spec, prompt: FIRST, home: homeA, workingDirectory });
        expect(first.run.status, printed(first.run)).toBe('success');
        const id = first.run.sessionId;
        expect(id, printed(first.run)).toBeDefined();

        const scope = { repository: 'acme/widgets', issue: 12, agent: spec.name };
        const backend = folderSessionBackend(join(scratch, `${cli}-store`));
        const agents = { [spec.name]: { args: [], env: {}, passEnv: [], timeoutSec: 60, ...spec } };
        const saved = await createSessionStore({ backend, agents, home: homeA, scratch }).save(scope, id!);
        if (resumes === false) {
          // opencode 1.18: one SQLite database for all sessions (~/.local/share/opencode/opencode.db), nothing to keep apart.
          expect(saved).toMatchObject({ ok: false, reason: expect.stringContaining('together with every other one') });
          expect(listing(homeA)).toContain('.local/share/opencode/opencode.db');
          return;
        }
        expect(saved, `${JSON.stringify(saved)}\n${listing(homeA).join('\n')}`).toMatchObject({ ok: true });
        const homeB = freshHome(homeFiles);
        const restored = await createSessionStore({ backend, agents, home: homeB, scratch }).restore(scope, id!);
        expect(restored).toMatchObject({ ok: true });

        const before = api.requests.length;
        const second = await runRealCli({ agent: spec, prompt: SECOND, home: homeB, workingDirectory, resume: id });
        expect(second.run.status, printed(second.run)).toBe('success');
        expect(second.run.resumed).toBe(id);
        expect(second.run.answer).toBe(expectedAnswer(SECOND));
        // The model call that answered the second prompt carries the whole first turn.
        const calls = api.requests.slice(before).map((r) => JSON.stringify(r.body));
        const answering = calls.filter((body) => body.includes('SESSION-TURN-TWO'));
        expect(answering.length, calls.join('\n')).toBeGreaterThan(0);
        expect(answering.at(-1)).toContain(FIRST);
        expect(answering.at(-1)).toContain(expectedAnswer(FIRST));
        readOnly?.(answering.at(-1)!);
        console.log(`${cli}: resumed session ${id} (${saved.ok ? saved.files : 0} file(s) kept)`);
      } finally {
        await api.close();
      }
    });
  },
);
