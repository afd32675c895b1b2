// End-to-end tests of pr-review: the bundled dist/index.js on pull_request and issue_comment payloads, against the
// fake GitHub's pull-request routes and fake AI CLIs that answer with findings blocks.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, type FakePullFile, startFakeGitHub } from '../../__fixtures__/fake-github/server.js';
import {
  type ActionRun,
  FAKE_TOKEN,
  FIXTURES_BIN,
  REPO_ROOT,
  readRecords,
  runAction,
  testSystemPath,
} from './harness.js';

const PAYLOADS = join(REPO_ROOT, '__fixtures__', 'payloads');
const payload = (name: string): any => JSON.parse(readFileSync(join(PAYLOADS, name), 'utf8'));
const LABELED = payload('pull_request-labeled-ai-review.json');
const SYNCHRONIZE = payload('pull_request-synchronize-ai-review.json');
const COMMENTED = payload('issue_comment-created-pr-ai-review.json');

const BASE = LABELED.pull_request.base.sha as string;
const HEAD = LABELED.pull_request.head.sha as string;
const NEXT = '9'.repeat(40);
const PR = 12;

// src/list.ts at the head: line 2 is the bug both claude and gemini see, line 1 what codex alone sees.
const LIST_PATCH =
  '@@ -1,3 +1,4 @@\n export function render(items) {\n-  for (let i = 0; i < items.length - 1; i++) {\n+  for (let i = 0; i <= items.length; i++) {\n+    draw(items[i]);\n   }';
const FILES: FakePullFile[] = [
  { filename: 'src/list.ts', status: 'modified', patch: LIST_PATCH },
  { filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-# Widgets\n+# Widgets!' },
];

const findings = (...list: object[]): string =>
  `Reviewed.\n\n\`\`\`ai-orchestra-findings\n${JSON.stringify({ summary: 'The loop bound changed.', findings: list })}\n\`\`\`\n`;
const BOUND = {
  path: 'src/list.ts',
  line: 2,
  severity: 'high',
  title: 'Loop reads past the end of items',
  body: 'i <= items.length reads items[items.length], which is undefined.',
  suggestion: '  for (let i = 0; i < items.length; i++) {',
};
const BOUND_TOO = {
  ...BOUND,
  title: 'Off-by-one: loop goes past the end of items',
  body: 'The <= bound makes the last iteration read undefined.',
};
const STYLE = {
  path: 'src/list.ts',
  line: 1,
  severity: 'medium',
  title: 'Render should be a named export default',
  body: 'Prefer a default export here.',
};
const verdicts = (...v: [string, string, string][]): string =>
  `\`\`\`ai-orchestra-verdicts\n${JSON.stringify({ verdicts: v.map(([group, verdict, reason]) => ({ group, verdict, reason })) })}\n\`\`\``;

function configYaml(
  records: string,
  answers: Record<'claude' | 'gemini' | 'codex' | 'judge', string>,
  extra: string[] = [],
): string {
  const agent = (name: string, cli: string, answer: string): string[] => [
    `  ${name}:`,
    `    cli: ${cli}`,
    '    env:',
    `      FAKE_RECORD_DIR: ${JSON.stringify(records)}`,
    `      FAKE_ANSWER: ${JSON.stringify(answer)}`,
  ];
  return [
    'agents:',
    ...agent('claude', 'claude', answers.claude),
    ...agent('gemini', 'gemini', answers.gemini),
    ...agent('codex', 'codex', answers.codex),
    ...agent('judge', 'claude', answers.judge),
    'pipelines:',
    '  pr-review:',
    '    agents: [claude, gemini, codex]',
    '    reviewer: judge',
    ...extra.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

describe('pr-review (bundled action)', () => {
  let gh: FakeGitHub;
  let records: string;
  const runs: ActionRun[] = [];

  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.setPermission('maintainer', 'write');
    gh.addPullRequest({
      number: PR,
      title: LABELED.pull_request.title,
      body: LABELED.pull_request.body,
      labels: ['ai-review'],
      head: { ref: 'changes', sha: HEAD },
      base: { ref: 'master', sha: BASE },
      files: FILES,
    });
    gh.setContents(HEAD, {
      'src/list.ts':
        'export function render(items) {\n  for (let i = 0; i <= items.length; i++) {\n    draw(items[i]);\n  }\n}\n',
      'README.md': '# Widgets!\n',
    });
    records = await mkdtemp(join(tmpdir(), 'pr-review-records-'));
  });
  afterEach(async () => {
    await gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(records, { recursive: true, force: true });
  });

  const run = async (
    event: object,
    eventName: string,
    configText: string,
    inputs: Record<string, string> = {},
  ): Promise<ActionRun> => {
    const result = await runAction({ event, eventName, github: gh, configYaml: configText, inputs });
    runs.push(result);
    return result;
  };
  const prompts = async (): Promise<string[]> => (await readRecords(records)).map((r) => r.prompt ?? '');

  it('pull_request_target labeled: two of three agents on one line → one inline comment naming both; one alone → the body only', async () => {
    const result = await run(
      LABELED,
      'pull_request_target',
      configYaml(records, {
        claude: findings(BOUND),
        gemini: findings(BOUND_TOO),
        codex: findings(STYLE),
        judge: verdicts(['G1', 'valid', 'Real bug.'], ['G2', 'unsure', 'Taste.']),
      }),
    );
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ pipeline: 'pr-review', status: 'success' });
    const reviews = gh.reviewsOn(PR);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ state: 'COMMENTED', commit_id: HEAD });
    const comments = gh.reviewCommentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ path: 'src/list.ts', line: 2, side: 'RIGHT' });
    expect(comments[0]!.body).toContain('Found by **claude** and **gemini** · judged valid: Real bug.');
    expect(comments[0]!.body).toContain('```suggestion\n  for (let i = 0; i < items.length; i++) {\n```');
    expect(reviews[0]!.body).toContain(
      '**Render should be a named export default** — found by codex · found by 1 agent, 2 needed to agree',
    );
    // The status comment on the pull request's conversation, and every agent's full answer in the job summary.
    const status = gh.commentsOn(PR).find((c) => c.body.includes('pr-review'));
    expect(status?.body).toMatch(/Finished/);
    for (const agent of ['claude', 'gemini', 'codex']) expect(result.summary).toContain(agent);
    expect(result.summary).toContain('Loop reads past the end of items');
    const record = JSON.parse(readFileSync(result.outputs['result-file']!, 'utf8'));
    expect(Object.keys(record.comments).sort()).toEqual(['agent:claude', 'agent:codex', 'agent:gemini', 'review']);
    expect(record.review).toMatchObject({ event: 'COMMENT', inline: 1, inBody: 1 });
    // Each agent's answer is in the summary and the record, not in a comment of its own.
    expect(gh.commentsOn(PR).filter((c) => c.body.includes('key=agent:'))).toEqual([]);
    // Agents saw the diff with head-side numbers and the head's text, read-only, in the base checkout.
    const seen = await prompts();
    const reviewers = seen.filter((p) => p.includes('```ai-orchestra-findings'));
    expect(reviewers.filter((p) => p.includes('   2 +   for (let i = 0; i <= items.length; i++) {'))).toHaveLength(3);
    // The judge saw the group and the lines, not who found it.
    const judge = seen.find((p) => p.includes('ai-orchestra-verdicts'))!;
    expect(judge).toContain('#### G1 · src/list.ts · line 2 · high');
    expect(judge).not.toMatch(/claude|gemini|codex/);
  }, 60_000);

  it('a group the judge finds invalid is not inline', async () => {
    await run(
      LABELED,
      'pull_request',
      configYaml(records, {
        claude: findings(BOUND),
        gemini: findings(BOUND_TOO),
        codex: findings(),
        judge: verdicts(['G1', 'invalid', 'items has a sentinel at the end.']),
      }),
    );
    expect(gh.reviewCommentsOn(PR)).toEqual([]);
    expect(gh.reviewsOn(PR)[0]!.body).toContain('judged invalid: items has a sentinel at the end.');
  }, 60_000);

  it('synchronize re-reviews only the new commits and repeats nothing already posted', async () => {
    const config = configYaml(records, {
      claude: findings(BOUND),
      gemini: findings(BOUND_TOO),
      codex: findings(),
      judge: verdicts(['G1', 'valid', 'Real bug.']),
    });
    await run(LABELED, 'pull_request_target', config);
    expect(gh.reviewCommentsOn(PR)).toHaveLength(1);
    // A push that changes README.md only: the loop's lines are untouched.
    const readme = '@@ -1 +1 @@\n-# Widgets\n+# Widgets, now with lists';
    gh.pushToPull(PR, { sha: NEXT, files: [FILES[0]!, { filename: 'README.md', status: 'modified', patch: readme }] });
    gh.addCompare(HEAD, NEXT, [
      { filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-# Widgets!\n+# Widgets, now with lists' },
    ]);
    const event = {
      ...SYNCHRONIZE,
      before: HEAD,
      after: NEXT,
      pull_request: { ...SYNCHRONIZE.pull_request, head: { ...SYNCHRONIZE.pull_request.head, sha: NEXT } },
    };
    const second = await run(event, 'pull_request_target', config);
    expect(second.exitCode, second.stdout).toBe(0);
    const reviews = gh.reviewsOn(PR);
    expect(reviews).toHaveLength(2);
    expect(reviews[1]!.commit_id).toBe(NEXT);
    expect(gh.reviewCommentsOn(PR)).toHaveLength(1);
    expect(reviews[1]!.body).toContain('Re-review of the commits since');
    expect(reviews[1]!.body).toContain('not repeated');
    const last = (await prompts()).filter((p) => p.includes('since the last review'));
    expect(last.length).toBe(3);
    expect(last[0]).toContain('Widgets, now with lists');
    expect(last[0]).not.toContain('items.length');
    expect(gh.requestsTo('GET', new RegExp(`/compare/${HEAD}\\.\\.\\.${NEXT}$`))).toHaveLength(1);
  }, 90_000);

  it("another bot's review carrying our state is not our memory: the next run reviews the whole pull request", async () => {
    const config = configYaml(records, {
      claude: findings(BOUND),
      gemini: findings(BOUND_TOO),
      codex: findings(),
      judge: verdicts(['G1', 'valid', 'Real bug.']),
    });
    await run(LABELED, 'pull_request_target', config);
    // The same body, state line and commit, but written by another app's bot (a fork author can get one to post it).
    const forged = gh.reviewsOn(PR)[0]!;
    forged.user = { login: 'coderabbitai[bot]', type: 'Bot' };
    gh.pushToPull(PR, { sha: NEXT, files: FILES });
    gh.addCompare(HEAD, NEXT, [
      { filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-# Widgets!\n+# Widgets, now with lists' },
    ]);
    const event = {
      ...SYNCHRONIZE,
      before: HEAD,
      after: NEXT,
      pull_request: { ...SYNCHRONIZE.pull_request, head: { ...SYNCHRONIZE.pull_request.head, sha: NEXT } },
    };
    const second = await run(event, 'pull_request_target', config);
    expect(second.exitCode, second.stdout).toBe(0);
    const reviews = gh.reviewsOn(PR);
    expect(reviews).toHaveLength(2);
    expect(reviews[1]!.body).not.toContain('Re-review of the commits since');
    expect((await prompts()).filter((p) => p.includes('since the last review'))).toEqual([]);
  }, 90_000);

  it('/ai-review as a comment on a pull request starts a review; a synchronize without the label starts nothing', async () => {
    const config = configYaml(records, {
      claude: findings(BOUND),
      gemini: findings(BOUND_TOO),
      codex: findings(),
      judge: verdicts(['G1', 'valid', 'ok']),
    });
    const byComment = await run(COMMENTED, 'issue_comment', config);
    expect(byComment.outputs).toMatchObject({ pipeline: 'pr-review', status: 'success' });
    expect(gh.reviewsOn(PR)).toHaveLength(1);
    const unlabeled = { ...SYNCHRONIZE, pull_request: { ...SYNCHRONIZE.pull_request, labels: [] } };
    const skipped = await run(unlabeled, 'pull_request', config);
    expect(skipped.outputs.status).toBe('skipped');
    expect(gh.reviewsOn(PR)).toHaveLength(1);
  }, 90_000);

  it('someone without write access starts nothing', async () => {
    gh.setPermission('maintainer', 'read');
    const result = await run(
      LABELED,
      'pull_request_target',
      configYaml(records, { claude: findings(BOUND), gemini: findings(BOUND), codex: findings(), judge: '' }),
    );
    expect(result.outputs.status).toBe('skipped');
    expect(await prompts()).toEqual([]);
    expect(gh.reviewsOn(PR)).toEqual([]);
  }, 60_000);
});

describe('pr-review from the local runner (dist/cli.js run --event pull_request.json --dry-run)', () => {
  let gh: FakeGitHub;
  let dir: string;
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addPullRequest({
      number: PR,
      title: 'Local',
      body: 'b',
      labels: ['ai-review'],
      head: { ref: 'changes', sha: HEAD },
      base: { ref: 'master', sha: BASE },
      files: FILES,
    });
    dir = await mkdtemp(join(tmpdir(), 'pr-review-local-'));
  });
  afterEach(async () => {
    await gh.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The CLI as a child process; not spawnSync, which would block the fake GitHub living in this process. */
  const cli = async (
    env: Record<string, string>,
  ): Promise<{ status: number | null; stdout: string; stderr: string }> => {
    const config = join(dir, 'config.yml');
    writeFileSync(
      config,
      configYaml(join(dir, 'records'), {
        claude: findings(BOUND),
        gemini: findings(BOUND_TOO),
        codex: findings(STYLE),
        judge: verdicts(['G1', 'valid', 'ok']),
      }),
    );
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'dist', 'cli.js'),
        'run',
        '--event',
        join(PAYLOADS, 'pull_request-labeled-ai-review.json'),
        '--dry-run',
        '--config',
        config,
      ],
      {
        cwd: dir,
        env: {
          PATH: [FIXTURES_BIN, ...testSystemPath()].join(':'),
          HOME: dir,
          LANG: 'C.UTF-8',
          TMPDIR: tmpdir(),
          GITHUB_API_URL: gh.url,
          ...env,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { status, stdout, stderr };
  };

  it('reads the pull request through the API, runs the agents, writes the review it would post, and posts nothing', async () => {
    const run = await cli({ GITHUB_TOKEN: FAKE_TOKEN });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('pr-review success');
    expect(run.stdout).toMatch(/^review: \S+review\.md$/m);
    expect(gh.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.pathname}`)).toEqual([]);
    const out = join(
      dir,
      '.ai-orchestra',
      readdirSync(join(dir, '.ai-orchestra')).filter((name) => name !== '.gitignore')[0]!,
    );
    const review = readdirSync(join(out, 'comments')).find((f) => f.includes('review'))!;
    const text = readFileSync(join(out, 'comments', review), 'utf8');
    expect(text).toContain(`**Dry run:** this would be posted as a \`COMMENT\` review of commit \`${HEAD}\`.`);
    expect(text).toContain('#### `src/list.ts:2`');
    expect(text).toContain('Found by **claude** and **gemini**');
  }, 90_000);

  it('without a token it says why it cannot read the pull request', async () => {
    const run = await cli({});
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('reads the pull request through the GitHub API and needs a token');
    expect(gh.requests).toEqual([]);
  }, 60_000);
});
