// Which session a follow-up resumes (ours only, this agent's only), and the fallback to the thread when the store or
// the resume fails; the session id rides in the hidden marker.
import { describe, expect, it } from 'vitest';
import type { AgentRun, AgentRunRequest } from '../../../../src/agents/types.js';
import type { Logger, ThreadComment } from '../../../../src/kernel/definition.js';
import {
  answerWithSession,
  earlierSession,
  keepSession,
  restoreSession,
} from '../../../../src/pipelines/ask/session.js';
import { parseMarker, renderMarker } from '../../../../src/report/comment-body.js';
import type { SessionResult, SessionStore } from '../../../../src/sessions/store.js';

const ID = '6f1c2a7e-3b9d-4c55-9a0e-2d8f4b7c1e90';
const NEW = '11111111-2222-3333-4444-555555555555';

function comment(id: number, marker: ThreadComment['marker'], ours = true): ThreadComment {
  return {
    id,
    author: ours ? 'bot' : 'mallory',
    body: '',
    createdAt: '',
    url: '',
    ours,
    ...(marker ? { marker } : {}),
  };
}

function run(request: AgentRunRequest, status: AgentRun['status'], sessionId?: string): AgentRun {
  const at = new Date(0).toISOString();
  return {
    agent: request.agent,
    cli: 'claude',
    role: 'answer',
    status,
    answer: 'a',
    exitCode: status === 'success' ? 0 : 1,
    durationMs: 1,
    usage: {},
    promptSha256: '',
    outputTail: '',
    startedAt: at,
    finishedAt: at,
    logFiles: { stdout: '', stderr: '' },
    ...(sessionId ? { sessionId } : {}),
    ...(request.resume ? { resumed: request.resume } : {}),
  };
}

const log = { info: () => undefined } as unknown as Logger;

function store(restore: SessionResult): SessionStore & { saved: string[] } {
  const saved: string[] = [];
  return {
    where: 'test',
    saved,
    restore: async () => restore,
    save: async (_scope, id) => (saved.push(id), { ok: true, files: 1 }),
  };
}

const SCOPE = { repository: 'acme/widgets', issue: 12, agent: 'claude' };
const base = {
  agent: 'claude',
  threadPrompt: 'THREAD',
  questionPrompt: 'QUESTION',
  request: { mode: 'read-only' as const, role: 'answer' },
  log,
};

describe('ask sessions', () => {
  it('resumes only our own answer of the same agent with a session', () => {
    const comments = [
      comment(1, { pipeline: 'ask', key: 'ask:5:claude', session: ID }),
      comment(2, { pipeline: 'ask', key: 'ask:6:codex', session: NEW }),
      comment(3, { pipeline: 'ask', key: 'ask:7:claude', session: NEW }, false),
      comment(4, { pipeline: 'ai-review', key: 'agent:claude', session: NEW }),
    ];
    expect(earlierSession(comments, 'claude')).toBe(ID);
    expect(earlierSession(comments, 'gemini')).toBeUndefined();
  });

  it('nothing to restore without an earlier session or a store', async () => {
    expect(await restoreSession(store({ ok: true, files: 1 }), SCOPE, undefined)).toEqual({
      reason: 'no earlier answer with a session on this thread',
    });
    expect(await restoreSession(undefined, SCOPE, ID)).toEqual({ reason: 'no session store in this run' });
  });

  it('a restored session is resumed with the question only, and kept again', async () => {
    const requests: AgentRunRequest[] = [];
    const sessions = store({ ok: true, files: 1 });
    const restored = await restoreSession(sessions, SCOPE, ID);
    const answer = await answerWithSession({
      ...base,
      restored,
      runner: { run: async (r) => (requests.push(r), run(r, 'success', ID)) },
    });
    await keepSession(sessions, SCOPE, answer.run, base.log);
    expect(requests).toMatchObject([{ prompt: 'QUESTION', resume: ID }]);
    expect(answer.source).toEqual({ kind: 'resumed', session: ID });
    expect(sessions.saved).toEqual([ID]);
  });

  it('a store miss, or a resume that fails, falls back to the thread; the new session is kept', async () => {
    const miss = store({ ok: false, reason: 'no saved session' });
    const requests: AgentRunRequest[] = [];
    const runner = {
      run: async (r: AgentRunRequest) => (requests.push(r), run(r, r.resume ? 'failure' : 'success', NEW)),
    };
    const a = await answerWithSession({
      ...base,
      restored: await restoreSession(miss, SCOPE, ID),
      runner,
    });
    await keepSession(miss, SCOPE, a.run, base.log);
    expect(requests.map((r) => [r.prompt, r.resume])).toEqual([['THREAD', undefined]]);
    expect(a.source).toEqual({ kind: 'thread', reason: `session ${ID} not restored: no saved session` });
    expect(miss.saved).toEqual([NEW]);

    requests.length = 0;
    const hit = store({ ok: true, files: 1 });
    const b = await answerWithSession({
      ...base,
      restored: await restoreSession(hit, SCOPE, ID),
      runner,
    });
    expect(requests.map((r) => [r.prompt, r.resume])).toEqual([
      ['QUESTION', ID],
      ['THREAD', undefined],
    ]);
    expect(b.source).toMatchObject({
      kind: 'thread',
      reason: expect.stringContaining(`resuming session ${ID} failed`),
    });
  });

  it('the marker carries the session id hidden, and older markers still parse', () => {
    const marker = renderMarker({ runId: '7', pipeline: 'ask', key: 'ask:9:claude', session: ID });
    expect(marker).toBe(`<!-- ai-orchestra:v1 run=7 pipeline=ask key=ask:9:claude session=${ID} -->`);
    expect(parseMarker(marker)).toEqual({ runId: '7', pipeline: 'ask', key: 'ask:9:claude', session: ID });
    expect(parseMarker('<!-- ai-orchestra:v1 run=7 pipeline=ask key=status -->')).toEqual({
      runId: '7',
      pipeline: 'ask',
      key: 'status',
    });
    expect(renderMarker({ runId: '7', pipeline: 'ask', key: 'k', session: 'a b-->' })).toBe(
      '<!-- ai-orchestra:v1 run=7 pipeline=ask key=k session=a_b--_ -->',
    );
  });
});
