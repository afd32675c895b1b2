// runAsk with fakes (no process, no network): who answers, what the status rows say, failures and a dry run.
import { describe, expect, it } from 'vitest';
import type {
  CommentRef,
  OwnText,
  PipelineDeps,
  PipelineRequest,
  ThreadComment,
} from '../../../../src/kernel/definition.js';
import type { AgentRow } from '../../../../src/kernel/status-views.js';
import { type AskConfig, askConfig } from '../../../../src/pipelines/ask/config.js';
import { runAsk } from '../../../../src/pipelines/ask/pipeline.js';
import { FakeRunner } from '../../../kit/fake-runner.js';
import { FakeSink } from '../../../kit/fake-sink.js';

/** Also keeps what each post puts into the hidden marker (the session id of the answer). */
class MarkerSink extends FakeSink {
  readonly own: Record<string, OwnText | undefined> = {};

  override async upsertComment(key: string, body: string, own?: OwnText): Promise<CommentRef> {
    this.own[key] = own;
    return super.upsertComment(key, body);
  }
}

function setup(
  argument: string,
  options: {
    comments?: ThreadComment[];
    failing?: string[];
    /** Comment key → the error its post throws. */
    failingPosts?: Record<string, string>;
    /** The session id every answering CLI reports. */
    sessionId?: string;
    github?: boolean;
    permissions?: Record<string, string>;
  } = {},
) {
  const asked: string[] = [];
  const sink = new MarkerSink(options.failingPosts);
  let rows: AgentRow[] = [];
  const finished: { overall?: string; message?: string } = {};
  const runner = new FakeRunner({
    script: (r) => (options.failing?.includes(r.agent) ? { status: 'failure', error: 'boom' } : undefined),
    answer: (r) => `${r.agent} says hi`,
    fields: () => ({ durationMs: 5, ...(options.sessionId ? { sessionId: options.sessionId } : {}) }),
  });
  const deps = {
    runner,
    sink,
    status: {
      append: (added: AgentRow[]) => void (rows = [...rows, ...added]),
      update: (key: string, patch: Partial<AgentRow>) =>
        void (rows = rows.map((row) => (`${row.agent}/${row.role}` === key ? { ...row, ...patch } : row))),
      finish: async (overall: string, message?: string) => void Object.assign(finished, { overall, message }),
    },
    log: { info: () => undefined, warning: () => undefined },
    signal: new AbortController().signal,
    github:
      options.github === false
        ? undefined
        : {
            listComments: async () => options.comments ?? [],
            permissionOf: async (login: string) => (asked.push(login), options.permissions?.[login]),
          },
  } as unknown as PipelineDeps<AgentRow>;
  const request = {
    pipeline: 'ask',
    config: askConfig.defaults() as AskConfig,
    settings: { contextBytes: 60_000 },
    target: { kind: 'issue', repository: 'acme/widgets', number: 12, title: 'T', body: 'B', url: 'u' },
    trigger: {
      kind: 'command',
      command: '/ask',
      argument,
      comment: { id: 9, url: 'https://x/9', author: 'maintainer' },
      description: '',
    },
    run: { id: '1', attempt: '1', url: 'https://x/run', repoUrl: 'https://x' },
  } as unknown as PipelineRequest<AskConfig>;
  return { sink, prompts: runner.requests, asked, rows: () => rows, finished, go: () => runAsk(request, deps) };
}

describe('runAsk', () => {
  it('without a ranking, the first configured agent answers and its status row says why', async () => {
    const s = setup('why?');
    const outcome = await s.go();
    expect(outcome.status).toBe('success');
    expect(s.prompts.map((p) => [p.agent, p.mode])).toEqual([['claude', 'read-only']]);
    expect(s.rows()).toMatchObject([
      { agent: 'claude', state: 'success', commentUrl: 'https://github.test/o/r/issues/42#ask:9:claude' },
    ]);
    expect(outcome.choice?.reason).toBe(
      'no earlier ai-review ranking on this thread: the first configured agent answers',
    );
    expect(s.sink.last('ask:9:claude')).toContain('> why?');
    expect(s.finished).toEqual({
      overall: 'success',
      message: '_Asked claude: no earlier ai-review ranking on this thread: the first configured agent answers._',
    });
  });

  it('one answer per named agent; when none answers the run fails and says so', async () => {
    const s = setup('gemini,codex why?', { failing: ['gemini', 'codex'] });
    const outcome = await s.go();
    expect(s.prompts.map((p) => p.agent)).toEqual(['gemini', 'codex']);
    expect(s.sink.upserts().map((u) => u.key)).toEqual(['ask:9:gemini', 'ask:9:codex']);
    expect(outcome).toMatchObject({ status: 'failure', error: 'No agent answered.' });
    expect(s.finished).toEqual({
      overall: 'failure',
      message: '**No agent answered.**\n\n_Asked gemini, codex: named in the question._',
    });
  });

  it('an answer whose post fails keeps its text in the outcome, fails the run and names the comment', async () => {
    const s = setup('gemini,codex why?', { failingPosts: { 'ask:9:codex': 'HTTP 502' } });
    const outcome = await s.go();
    expect(outcome).toMatchObject({
      status: 'failure',
      error:
        'Some answers could not be posted (their text is in the job summary and result-file): comment ask:9:codex: HTTP 502',
    });
    expect([...outcome.comments.keys()]).toEqual(['ask:9:gemini', 'ask:9:codex']);
    expect(outcome.comments.get('ask:9:codex')).toContain('codex says hi');
    expect(s.rows()).toMatchObject([
      { agent: 'gemini', state: 'success', commentUrl: 'https://github.test/o/r/issues/42#ask:9:gemini' },
      { agent: 'codex', state: 'success', commentUrl: undefined },
    ]);
  });

  it("the answer's session id goes into its comment's hidden marker; without one the marker has none", async () => {
    const resumed = setup('why?', { sessionId: 'sess-1' });
    await resumed.go();
    expect(resumed.sink.own).toEqual({ 'ask:9:claude': { session: 'sess-1' } });
    const fresh = setup('why?');
    await fresh.go();
    expect(fresh.sink.own).toEqual({ 'ask:9:claude': {} });
  });

  it('a dry run (no GitHub access) answers from the issue text and the question alone', async () => {
    const s = setup('why?', { github: false });
    expect((await s.go()).status).toBe('success');
    expect(s.prompts[0]!.prompt).toContain('(no earlier comments)');
  });

  it("write access comes from the login's checked permission, not from MEMBER or COLLABORATOR", async () => {
    const comment = (id: number, author: string, authorAssociation: string): ThreadComment => ({
      id,
      author,
      body: `said by ${author}`,
      createdAt: '',
      url: `u${id}`,
      authorAssociation,
    });
    const comments = [
      comment(1, 'reader', 'MEMBER'),
      comment(2, 'writer', 'COLLABORATOR'),
      comment(3, 'writer', 'COLLABORATOR'),
      comment(4, 'passer-by', 'NONE'),
    ];
    const s = setup('why?', { comments, permissions: { reader: 'read', writer: 'write' } });
    const outcome = await s.go();
    expect(s.asked).toEqual(['reader', 'writer']);
    expect(outcome.context).toMatchObject({ included: [2, 3], leftOutOthers: [1, 4] });
    expect(s.prompts[0]!.prompt).toContain('### @writer (write), comment 2');
    expect(s.prompts[0]!.prompt).not.toContain('said by reader');
  });
});
