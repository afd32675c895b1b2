// End-to-end tests of the persona-data pipeline: the bundled action against a fake GitHub, fake AI CLIs and a
// fake artifact service; every dataset line is parsed and checked from the outside.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeArtifactService,
  readZip,
  startFakeArtifactService,
} from '../../__fixtures__/fake-artifacts/server.js';
import { type FakeComment, type FakeGitHub, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import { exampleId, pairId } from '../../src/dataset/ids.js';
import { validateJsonl } from '../../src/dataset/validate.js';
import { DEFAULT_PERSONAS } from '../../src/pipelines/persona-data/config.js';
import { personaSystemPrompt } from '../../src/pipelines/persona-data/prompt.js';
import { parseMarker } from '../../src/report/comment-body.js';
import {
  type ActionRun,
  DIST_PATH,
  FAKE_SHA,
  FAKE_TOKEN,
  type FakeCliRecord,
  type IssueEvent,
  makeIssueEvent,
  readRecords,
  runAction,
  seedIssueFromEvent,
} from './harness.js';

const run = promisify(execFile);
const FORMATS = ['openai-chat', 'trl-sft', 'dpo'] as const;
const BASE = 'acme-widgets-issue-42';
const KEYS = {
  'openai-chat': ['messages'],
  'trl-sft': ['completion', 'prompt'],
  dpo: ['chosen', 'prompt', 'rejected'],
};
const ISSUE_BODY = 'Two workers corrupt the cache under load. Contact: reporter@example.com';

type Row = Record<string, { role: string; content: string }[]>;
type Meta = Record<string, any> & { id: string };

interface AgentOptions {
  cli: string;
  env?: Record<string, string>;
}

interface PersonaOptions {
  name: string;
  agent: string;
  style?: string;
  focus?: string[];
}

/** A config for the fake CLIs; every agent records its calls into `recordDir`. No `personas`: the six defaults. */
function configYaml(
  recordDir: string,
  agents: Record<string, AgentOptions>,
  pipeline: { personas?: PersonaOptions[]; reviewer?: string; formats?: string[] } = {},
  settings: Record<string, number> = {},
): string {
  const lines = ['agents:'];
  for (const [name, a] of Object.entries(agents)) {
    lines.push(`  ${name}:`, `    cli: ${a.cli}`, '    env:', `      FAKE_RECORD_DIR: ${JSON.stringify(recordDir)}`);
    for (const [k, v] of Object.entries(a.env ?? {})) lines.push(`      ${k}: ${JSON.stringify(v)}`);
  }
  lines.push('pipelines:', '  persona-data:', '    label: persona-data', '    output-dir: training-data');
  if (pipeline.formats) lines.push(`    formats: ${JSON.stringify(pipeline.formats)}`);
  if (pipeline.reviewer) lines.push(`    reviewer: ${pipeline.reviewer}`);
  if (pipeline.personas) {
    lines.push('    personas:');
    for (const p of pipeline.personas) {
      lines.push(
        `      - name: ${p.name}`,
        `        agent: ${p.agent}`,
        `        style: ${JSON.stringify(p.style ?? `Answer as the ${p.name} would.`)}`,
      );
      lines.push(`        focus: ${JSON.stringify(p.focus ?? [p.name])}`);
    }
  }
  if (Object.keys(settings).length > 0) {
    lines.push('settings:');
    for (const [k, v] of Object.entries(settings)) lines.push(`  ${k}: ${v}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Six personas on six agents (p1..p6, cycling through the three CLIs), so each can be told what to do. */
function sixAgents(env: Record<string, Record<string, string>> = {}): {
  agents: Record<string, AgentOptions>;
  personas: PersonaOptions[];
} {
  const clis = ['claude', 'gemini', 'codex'];
  const agents: Record<string, AgentOptions> = {};
  const personas: PersonaOptions[] = [];
  for (let i = 1; i <= 6; i++) {
    agents[`p${i}`] = {
      cli: clis[(i - 1) % 3]!,
      env: {
        FAKE_ANSWER: `Answer number ${i}: a distinct approach to the cache problem.`,
        FAKE_DELAY_MS: '200',
        ...env[`p${i}`],
      },
    };
    personas.push({ name: `persona-${i}`, agent: `p${i}` });
  }
  agents.judge = { cli: 'claude', env: env.judge ?? {} };
  return { agents, personas };
}

function jsonl<T>(file: string): T[] {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}

function byKey(comments: FakeComment[]): Map<string, FakeComment> {
  return new Map(comments.map((c) => [parseMarker(c.body)?.key ?? `unmarked:${c.id}`, c]));
}

/** Letter → answer text, as the reviewer saw them (the fake CLI records its stdin). */
function anonymizedAnswers(reviewerPrompt: string): Map<string, string> {
  return new Map(
    [...reviewerPrompt.matchAll(/^--- BEGIN ANSWER ([A-Z]\d*) ---\n([\s\S]*?)\n--- END ANSWER \1 ---$/gm)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  );
}

function isReview(c: FakeCliRecord): boolean {
  return (c.prompt ?? '').includes('--- BEGIN ANSWER');
}

describe('persona-data, end to end against the bundled action', () => {
  let gh: FakeGitHub;
  let scratch: string;
  let records: string;
  const runs: ActionRun[] = [];
  const services: FakeArtifactService[] = [];

  beforeEach(async () => {
    gh = await startFakeGitHub();
    scratch = await mkdtemp(join(tmpdir(), 'personas-it-'));
    records = join(scratch, 'records');
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(services.splice(0).map((s) => s.close()));
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(scratch, { recursive: true, force: true });
  });

  async function label(
    configYamlText: string,
    opts: { env?: Record<string, string>; inputs?: Record<string, string> } = {},
  ): Promise<ActionRun> {
    const event = makeIssueEvent({
      number: 42,
      label: 'persona-data',
      title: 'Cache is not thread-safe',
      body: ISSUE_BODY,
    });
    seedIssueFromEvent(gh, event as IssueEvent);
    gh.setPermission(event.sender.login, 'write');
    const result = await runAction({
      event,
      github: gh,
      configYaml: configYamlText,
      inputs: opts.inputs,
      env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0', ...opts.env },
    });
    runs.push(result);
    return result;
  }

  function datasetFile(r: ActionRun, format: string, meta = false): string {
    return join(r.workspace, 'training-data', `${BASE}.${format}${meta ? '.meta' : ''}.jsonl`);
  }

  it('six default personas answer concurrently; three valid datasets, meta sidecars, dpo from the shuffled ranking, the comment', async () => {
    const artifacts = await startFakeArtifactService();
    services.push(artifacts);
    const agents = {
      claude: { cli: 'claude', env: { FAKE_DELAY_MS: '400', FAKE_RANKING: 'C,A,F,B,E,D' } },
      gemini: { cli: 'gemini', env: { FAKE_DELAY_MS: '400' } },
      codex: { cli: 'codex', env: { FAKE_DELAY_MS: '400' } },
    };
    const r = await label(configYaml(records, agents, {}, { 'max-parallel': 3 }), { env: artifacts.env });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.outputs).toMatchObject({ pipeline: 'persona-data', status: 'success' });
    expect(r.outputs['dataset-dir']).toBe(join(r.workspace, 'training-data'));
    expect(r.outputs['dataset-file']).toBe(datasetFile(r, 'openai-chat'));
    expect(readdirSync(join(r.workspace, 'training-data')).sort()).toEqual(
      FORMATS.flatMap((f) => [`${BASE}.${f}.jsonl`, `${BASE}.${f}.meta.jsonl`]).sort(),
    );

    // Every line parses, has exactly its format's keys, and validates.
    const rows = Object.fromEntries(FORMATS.map((f) => [f, jsonl<Row>(datasetFile(r, f))])) as Record<
      (typeof FORMATS)[number],
      Row[]
    >;
    for (const f of FORMATS) {
      expect(validateJsonl(readFileSync(datasetFile(r, f), 'utf8'), f).errors).toEqual([]);
      for (const row of rows[f]) {
        expect(Object.keys(row).sort()).toEqual(KEYS[f]);
        for (const messages of Object.values(row))
          for (const m of messages) expect(Object.keys(m).sort()).toEqual(['content', 'role']);
      }
    }
    expect(rows['openai-chat']).toHaveLength(6);
    expect(rows['trl-sft']).toHaveLength(6);
    expect(rows.dpo).toHaveLength(1);

    // System message = the persona's system prompt (style + focus); the same neutral user message everywhere.
    const systems = rows['openai-chat'].map((row) => row.messages![0]!);
    expect(systems.map((m) => m.role)).toEqual(Array(6).fill('system'));
    expect(systems.map((m) => m.content).sort()).toEqual(DEFAULT_PERSONAS.map((p) => personaSystemPrompt(p)).sort());
    const users = [
      ...rows['openai-chat'].map((row) => row.messages![1]!),
      ...rows['trl-sft'].map((row) => row.prompt![1]!),
      rows.dpo[0]!.prompt![0]!,
    ];
    expect(new Set(users.map((u) => JSON.stringify(u))).size).toBe(1);
    const user = users[0]!.content;
    expect(user).toBe(
      'Cache is not thread-safe\n\nTwo workers corrupt the cache under load. Contact: [REDACTED EMAIL]',
    );
    for (const [i, row] of rows['trl-sft'].entries()) {
      expect(row.prompt!.map((m) => m.role)).toEqual(['system', 'user']);
      expect(row.completion).toEqual([rows['openai-chat'][i]!.messages![2]]);
    }

    // Meta sidecars: one line per row, same order, joined by a stable id.
    const meta = Object.fromEntries(FORMATS.map((f) => [f, jsonl<Meta>(datasetFile(r, f, true))])) as Record<
      (typeof FORMATS)[number],
      Meta[]
    >;
    for (const f of FORMATS) expect(meta[f]).toHaveLength(rows[f].length);
    const personaOf = new Map(DEFAULT_PERSONAS.map((p) => [personaSystemPrompt(p), p]));
    for (const [i, m] of meta['openai-chat'].entries()) {
      const system = rows['openai-chat'][i]!.messages![0]!.content;
      const persona = personaOf.get(system)!;
      expect(m).toMatchObject({
        persona: persona.name,
        agent: persona.agent,
        cli: persona.agent,
        repository: 'acme/widgets',
        issue_number: 42,
      });
      expect(m.id).toBe(exampleId({ system, user, persona: persona.name, agent: persona.agent }));
      expect(meta['trl-sft'][i]!.id).toBe(m.id);
      expect(m).toMatchObject({
        issue_url: 'https://github.com/acme/widgets/issues/42',
        run_url: 'https://github.com/acme/widgets/actions/runs/1001',
        commit_sha: FAKE_SHA,
        // What `<cli> --version` printed: the fakes say 0.0.0-fake.
        cli_version: '0.0.0-fake',
        prompt_template_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        prompt_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        // codex --json does not say which model answered; unknowns are null, never left out.
        model: persona.agent === 'codex' ? null : expect.any(String),
        tokens: { input: expect.any(Number), output: expect.any(Number) },
      });
      expect(m.duration_ms).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(m.created_at))).toBe(false);
    }
    expect(new Set(meta['openai-chat'].map((m) => m.id)).size).toBe(6);

    // The personas ran read-only, concurrently but never more than max-parallel at once, each with its system
    // prompt followed by the very same task; the issue went on stdin, never in argv.
    const calls = await readRecords(records);
    const answers = calls.filter((c) => !isReview(c));
    expect(answers).toHaveLength(6);
    const overlap = (at: number): number => answers.filter((c) => c.startedAt <= at && at < c.finishedAt!).length;
    const peak = Math.max(...answers.map((c) => overlap(c.startedAt)));
    expect(peak).toBeGreaterThanOrEqual(2);
    expect(peak).toBeLessThanOrEqual(3);
    const tasks = answers.map((c) => c.prompt!.slice(c.prompt!.indexOf('## The task')));
    expect(new Set(tasks).size).toBe(1);
    expect(tasks[0]).toMatch(/<<<UNTRUSTED-ISSUE-[0-9a-f]{16}\n/);
    for (const p of DEFAULT_PERSONAS)
      expect(
        answers.filter((c) => c.prompt!.startsWith(`## Your persona (system prompt)\n${personaSystemPrompt(p)}\n`)),
      ).toHaveLength(1);
    for (const c of answers) {
      expect(c.argv.join(' ')).not.toContain('corrupt');
      if (c.cli === 'claude') expect(c.argv).toContain('--disallowedTools');
      if (c.cli === 'codex') expect(c.argv.join(' ')).not.toMatch(/workspace-write|danger-full-access/);
      if (c.cli === 'gemini') expect(c.argv.join(' ')).not.toMatch(/yolo|auto_edit/);
      expect(Object.values(c.env).join('\n')).not.toContain(FAKE_TOKEN);
    }

    // dpo: chosen = the reviewer's first (C), rejected = its last (D), mapped back through the shuffle.
    const review = calls.filter(isReview);
    // Ranked twice, the second time in reverse order; both orders agree (the fake ranks by letter), so the pair stays.
    expect(review.map((c) => c.cli)).toEqual(['claude', 'claude']);
    const letters = anonymizedAnswers(review[0]!.prompt!);
    expect([...letters.keys()].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    for (const p of DEFAULT_PERSONAS) expect(review[0]!.prompt!).not.toContain(p.name);
    expect(rows.dpo[0]).toEqual({
      prompt: [{ role: 'user', content: user }],
      chosen: [{ role: 'assistant', content: letters.get('C') }],
      rejected: [{ role: 'assistant', content: letters.get('D') }],
    });
    const personaByAnswer = new Map(
      rows['openai-chat'].map((row, i) => [row.messages![2]!.content, meta['openai-chat'][i]!]),
    );
    const chosen = personaByAnswer.get(letters.get('C')!)!;
    const rejected = personaByAnswer.get(letters.get('D')!)!;
    expect(meta.dpo[0]).toMatchObject({
      chosen: { persona: chosen.persona, agent: chosen.agent },
      rejected: { persona: rejected.persona, agent: rejected.agent },
      reviewer: { agent: 'claude' },
      ranking: ['C', 'A', 'F', 'B', 'E', 'D'].map((l) => personaByAnswer.get(letters.get(l)!)!.persona),
    });
    expect(meta.dpo[0]!.id).toBe(
      pairId({
        user,
        chosen: { persona: chosen.persona, agent: chosen.agent },
        rejected: { persona: rejected.persona, agent: rejected.agent },
      }),
    );

    // The artifact: uploaded to the (fake) artifact service with exactly the six files, and linked.
    expect(artifacts.artifacts).toHaveLength(1);
    const artifact = artifacts.artifacts[0]!;
    expect(artifact.name).toBe('persona-data-issue-42');
    expect(artifact.finalizeRequest).toBeDefined();
    const zipped = readZip(artifact.zip!);
    expect([...zipped.keys()].sort()).toEqual(readdirSync(join(r.workspace, 'training-data')).sort());
    for (const [name, content] of zipped)
      expect(content.toString('utf8')).toBe(readFileSync(join(r.workspace, 'training-data', name), 'utf8'));

    // The comment: personas table, rows per format, the pair, the artifact link; the status finalized; the label.
    const keyed = byKey(gh.commentsOn(42));
    expect([...keyed.keys()].sort()).toEqual(['datasets', 'status']);
    const comment = keyed.get('datasets')!.body;
    expect(comment).toContain('6 of 6 answers kept');
    for (const p of DEFAULT_PERSONAS)
      expect(comment).toMatch(
        new RegExp(
          `^\\| ${p.name} \\| ${p.agent} .*\\| ✅ kept \\| [\\d,]+ chars \\| [\\d,]+ in / [\\d,]+ out tokens \\|$`,
          'm',
        ),
      );
    expect(comment).toMatch(/^\| `openai-chat` \| `acme-widgets-issue-42\.openai-chat\.jsonl` \| 6 \|$/m);
    expect(comment).toMatch(/^\| `trl-sft` \| `acme-widgets-issue-42\.trl-sft\.jsonl` \| 6 \|$/m);
    expect(comment).toMatch(/^\| `dpo` \| `acme-widgets-issue-42\.dpo\.jsonl` \| 1 \|$/m);
    expect(comment).toContain(`chosen **${chosen.persona}**, rejected **${rejected.persona}**`);
    expect(comment).toContain(
      `[persona-data-issue-42](https://github.com/acme/widgets/actions/runs/1001/artifacts/${artifact.id})`,
    );
    const status = keyed.get('status')!.body;
    expect(status).toContain('<!-- ai-orchestra:state=success');
    expect(status).toMatch(/✅ \*\*Finished\*\* in /);
    expect(status.split('\n').filter((l) => l.startsWith('| ✅ |'))).toHaveLength(7);
    expect(gh.issue(42)!.labels).toContain('ai-processed');

    const result = JSON.parse(readFileSync(r.outputs['result-file']!, 'utf8'));
    expect(result).toMatchObject({
      pipeline: 'persona-data',
      status: 'success',
      datasets: { artifact: { status: 'uploaded', id: artifact.id } },
    });
    expect(r.summary).toContain('Persona datasets');
  }, 30_000);

  it('without an artifact service the upload is skipped with a clear log line; the files are still written', async () => {
    const { agents, personas } = sixAgents();
    const r = await label(configYaml(records, agents, { personas, reviewer: 'judge' }));
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.status).toBe('success');
    expect(r.stdout).toMatch(/Artifact upload skipped: ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set/);
    for (const f of FORMATS) expect(existsSync(datasetFile(r, f))).toBe(true);
    const comment = byKey(gh.commentsOn(42)).get('datasets')!.body;
    expect(comment).toMatch(
      /\*\*Artifact:\*\* `persona-data-issue-42` not uploaded: ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set/,
    );
  }, 30_000);

  it('a position-biased reviewer (prefers whatever it sees first): its two orders disagree, so no dpo pair is kept', async () => {
    const { agents, personas } = sixAgents({ judge: { FAKE_JUDGE: 'first-seen' } });
    const r = await label(configYaml(records, agents, { personas, reviewer: 'judge' }));
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const reviews = (await readRecords(records)).filter(isReview);
    expect(reviews).toHaveLength(2);
    expect(existsSync(datasetFile(r, 'dpo'))).toBe(false);
    expect(jsonl<Row>(datasetFile(r, 'openai-chat'))).toHaveLength(6);
    expect(byKey(gh.commentsOn(42)).get('datasets')!.body).toContain(
      'none, the two orders disagreed on which answer is better (position bias), so the pair was dropped',
    );
  }, 30_000);

  it('one persona failing leaves five rows and a note naming it', async () => {
    const { agents, personas } = sixAgents({ p2: { FAKE_MODE: 'fail', FAKE_ERROR: 'quota exhausted' } });
    const r = await label(configYaml(records, agents, { personas, reviewer: 'judge' }));
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.status).toBe('success');
    const chat = jsonl<Row>(datasetFile(r, 'openai-chat'));
    expect(chat).toHaveLength(5);
    expect(jsonl<Row>(datasetFile(r, 'trl-sft'))).toHaveLength(5);
    expect(jsonl<Meta>(datasetFile(r, 'openai-chat', true)).map((m) => m.persona)).not.toContain('persona-2');
    expect(chat.map((row) => row.messages![2]!.content)).not.toContain(
      'Answer number 2: a distinct approach to the cache problem.',
    );
    const keyed = byKey(gh.commentsOn(42));
    const comment = keyed.get('datasets')!.body;
    expect(comment).toContain('5 of 6 answers kept');
    expect(comment).toMatch(
      /Left out of the datasets: \*\*persona-2\*\* \(p2\): failed \(exit code 1\) — .*quota exhausted/,
    );
    expect(comment).toMatch(/^\| persona-2 \| p2 .*\| ❌ failed \(exit code 1\) \|/m);
    expect(keyed.get('status')!.body).toMatch(/^\| ❌ \| p2 \| persona-2 \|/m);
    // The reviewer ranked the five that answered.
    const review = (await readRecords(records)).filter(isReview);
    expect(anonymizedAnswers(review[0]!.prompt!).size).toBe(5);
  }, 30_000);

  it('duplicates are dropped (exact and near-exact), secrets and e-mail addresses redacted, CLI chatter stripped', async () => {
    const secret = 'hunter2-very-secret-value';
    const ghToken = `ghp_${'a1B2'.repeat(9)}`;
    const { agents, personas } = sixAgents({
      p1: { FAKE_ANSWER: 'Guard the cache with a mutex.' },
      p4: { FAKE_ANSWER: '  guard the CACHE with a **mutex** ' },
      p3: {
        FAKE_ANSWER: `Set DEPLOY_TOKEN=${secret} and GH=${ghToken}, then mail ops@example.org.`,
        DEPLOY_TOKEN: secret,
      },
      p5: { FAKE_ANSWER: 'Loaded cached credentials.\nUse a read-write lock around the cache.\ntokens used\n1234' },
    });
    const r = await label(configYaml(records, agents, { personas, reviewer: 'judge' }));
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const chat = jsonl<Row>(datasetFile(r, 'openai-chat'));
    const meta = jsonl<Meta>(datasetFile(r, 'openai-chat', true));
    expect(chat).toHaveLength(5);
    expect(meta.map((m) => m.persona)).toEqual(['persona-1', 'persona-2', 'persona-3', 'persona-5', 'persona-6']);
    const answer = (persona: string): string =>
      chat[meta.findIndex((m) => m.persona === persona)]!.messages![2]!.content;
    expect(answer('persona-1')).toBe('Guard the cache with a mutex.');
    expect(answer('persona-3')).toBe('Set DEPLOY_TOKEN=[REDACTED] and GH=[REDACTED], then mail [REDACTED EMAIL].');
    expect(answer('persona-5')).toBe('Use a read-write lock around the cache.');
    for (const f of FORMATS) {
      for (const file of [datasetFile(r, f), datasetFile(r, f, true)]) {
        const text = readFileSync(file, 'utf8');
        expect(text).not.toContain(secret);
        expect(text).not.toContain(ghToken);
        expect(text).not.toMatch(/@example\.(org|com)/);
      }
    }
    const comment = byKey(gh.commentsOn(42)).get('datasets')!.body;
    expect(comment).toMatch(/^\| persona-4 \| p4 .*\| ♻️ duplicate of persona-1 \|/m);
    expect(comment).toMatch(/Left out of the datasets: .*\*\*persona-4\*\* \(p4\): duplicate of persona-1/);
  }, 30_000);

  it('when no persona answers: failure, nothing written, the comment says why, the reviewer never runs', async () => {
    const fail = { FAKE_MODE: 'fail', FAKE_DELAY_MS: '0' };
    const { agents, personas } = sixAgents({ p1: fail, p2: fail, p3: fail, p4: fail, p5: fail, p6: fail });
    const r = await label(configYaml(records, agents, { personas, reviewer: 'judge' }));
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ pipeline: 'persona-data', status: 'failure', 'dataset-file': '' });
    expect(r.stdout).toMatch(/::error::.*No persona produced a usable answer/);
    expect(existsSync(join(r.workspace, 'training-data'))).toBe(false);
    expect((await readRecords(records)).filter(isReview)).toEqual([]);
    const keyed = byKey(gh.commentsOn(42));
    expect(keyed.get('datasets')!.body).toMatch(/No persona produced a usable answer, so no dataset was written/);
    expect(keyed.get('status')!.body).toMatch(/❌ \*\*Failed\*\*/);
  }, 30_000);

  it('a failing artifact service fails the run, but the datasets are written and the comment says so', async () => {
    const artifacts = await startFakeArtifactService();
    services.push(artifacts);
    artifacts.failCreate();
    const { agents, personas } = sixAgents();
    const r = await label(
      configYaml(records, agents, { personas: personas.slice(0, 2), reviewer: 'judge', formats: ['openai-chat'] }),
      { env: artifacts.env },
    );
    expect(r.exitCode).toBe(1);
    expect(r.outputs.status).toBe('failure');
    expect(jsonl<Row>(datasetFile(r, 'openai-chat'))).toHaveLength(2);
    expect(r.stdout).toMatch(/::error::.*uploading the artifact persona-data-issue-42 failed/);
    expect(byKey(gh.commentsOn(42)).get('datasets')!.body).toMatch(/❌ `persona-data-issue-42` could not be uploaded/);
    // Only openai-chat was asked for: no reviewer, no other files.
    expect((await readRecords(records)).filter(isReview)).toEqual([]);
    expect(readdirSync(join(r.workspace, 'training-data')).sort()).toEqual([
      `${BASE}.openai-chat.jsonl`,
      `${BASE}.openai-chat.meta.jsonl`,
    ]);
  }, 30_000);

  it('dry run: nothing is posted, the datasets are written', async () => {
    const { agents, personas } = sixAgents();
    const r = await label(configYaml(records, agents, { personas: personas.slice(0, 3), reviewer: 'judge' }), {
      inputs: { 'dry-run': 'true' },
    });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(gh.commentsOn(42)).toEqual([]);
    expect(jsonl<Row>(datasetFile(r, 'openai-chat'))).toHaveLength(3);
    expect(jsonl<Row>(datasetFile(r, 'dpo'))).toHaveLength(1);
    expect(r.stdout).toContain('Persona datasets');
  }, 30_000);

  it('validate-dataset accepts the files the action wrote and names the first invalid lines of a broken one', async () => {
    const { agents, personas } = sixAgents();
    const r = await label(configYaml(records, agents, { personas: personas.slice(0, 2), reviewer: 'judge' }));
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const cli = join(dirname(DIST_PATH), 'cli.js');
    for (const f of FORMATS) {
      const ok = await run(process.execPath, [cli, 'validate-dataset', datasetFile(r, f), '--format', f]);
      expect(ok.stdout).toMatch(new RegExp(`all valid ${f}`));
    }
    const broken = join(scratch, 'broken.jsonl');
    const good = readFileSync(datasetFile(r, 'openai-chat'), 'utf8').split('\n')[0]!;
    writeFileSync(
      broken,
      [good, '{"messages":[{"role":"user","content":"hi"}],"extra":1}', 'not json', good, ''].join('\n'),
    );
    const failure = await run(process.execPath, [cli, 'validate-dataset', broken, '--format', 'openai-chat']).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`${broken}:2: row: unexpected key "extra"`);
    expect(failure?.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: not JSON`));
    expect(failure?.stderr).toContain('2 invalid lines; 2 of 4 rows valid');
    // The right file against the wrong format fails too.
    await expect(
      run(process.execPath, [cli, 'validate-dataset', datasetFile(r, 'dpo'), '--format', 'trl-sft']),
    ).rejects.toMatchObject({ code: 1 });
  }, 30_000);
});
