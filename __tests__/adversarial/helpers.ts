// Shared by the adversarial suite: a fake GitHub per test, config files for the fake CLIs, scripted agents,
// and every place a run publishes text (where a secret must never show up).
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import {
  type FakeComment,
  type FakeGitHub,
  type Permission,
  startFakeGitHub,
} from '../../__fixtures__/fake-github/server.js';
import { parseMarker } from '../../src/report/comment-body.js';
import {
  type ActionRun,
  type IssueEvent,
  makeIssueEvent,
  type RunActionOptions,
  readRecords,
  runAction,
  seedIssueFromEvent,
} from '../integration/harness.js';

export const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
export const ISSUE = 42;

/** Alive and not a zombie: a killed process nobody reaped yet is gone for our purposes. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Live (non-zombie) processes of a process group, found by scanning /proc: descendants nobody recorded too. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return members;
}

/** The parent pid from /proc/<pid>/stat, or undefined when the process is gone. */
export function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

export interface AgentOptions {
  cli?: string;
  command?: string[];
  model?: string;
  timeout?: number;
  env?: Record<string, string>;
  passEnv?: string[];
}

/** A config file in which every agent records its calls into `recordDir` (FAKE_RECORD_DIR). */
export function configYaml(
  recordDir: string,
  agents: Record<string, AgentOptions>,
  pipeline: { agents?: string[]; reviewer?: string } = {},
  settings: Record<string, number | string> = {},
): string {
  const lines = ['agents:'];
  for (const [name, a] of Object.entries(agents)) {
    lines.push(`  ${name}:`);
    if (a.command) lines.push(`    command: ${JSON.stringify(a.command)}`);
    else lines.push(`    cli: ${a.cli ?? name}`);
    if (a.model) lines.push(`    model: ${a.model}`);
    if (a.timeout !== undefined) lines.push(`    timeout: ${a.timeout}`);
    if (a.passEnv) lines.push(`    pass-env: ${JSON.stringify(a.passEnv)}`);
    lines.push('    env:', `      FAKE_RECORD_DIR: ${JSON.stringify(recordDir)}`);
    for (const [k, v] of Object.entries(a.env ?? {})) lines.push(`      ${k}: ${JSON.stringify(v)}`);
  }
  const names = Object.keys(agents);
  lines.push(
    'pipelines:',
    '  ai-review:',
    '    label: ai-review',
    `    agents: ${JSON.stringify(pipeline.agents ?? names)}`,
    `    reviewer: ${pipeline.reviewer ?? names[0]}`,
  );
  if (Object.keys(settings).length > 0) {
    lines.push('settings:');
    for (const [k, v] of Object.entries(settings)) lines.push(`  ${k}: ${JSON.stringify(v)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function markerKey(c: FakeComment): string | undefined {
  return parseMarker(c.body)?.key;
}

/** Comments by marker key; throws when a key appears twice (every comment must land exactly once). */
export function byKey(comments: FakeComment[]): Map<string, FakeComment> {
  const map = new Map<string, FakeComment>();
  for (const c of comments) {
    const key = markerKey(c) ?? `unmarked:${c.id}`;
    if (map.has(key))
      throw new Error(`comment ${key} was posted twice:\n${comments.map((x) => `${x.id} ${markerKey(x)}`).join('\n')}`);
    map.set(key, c);
  }
  return map;
}

export function resultText(run: ActionRun): string {
  return readFileSync(run.outputs['result-file']!, 'utf8');
}

export function resultRecord(run: ActionRun): any {
  return JSON.parse(resultText(run));
}

/** The action's log without the `::add-mask::` lines, which are how a secret is handed to the runner to mask. */
export function logWithoutMasks(run: ActionRun): string {
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

/** Everything a run makes visible: comments, job summary, outputs, result-file and the log. */
export function published(run: ActionRun, gh: FakeGitHub): string {
  const result = run.outputs['result-file'] ? resultText(run) : '';
  return [
    ...gh.state.comments.map((c) => c.body),
    run.summary,
    result,
    ...Object.values(run.outputs),
    logWithoutMasks(run),
  ].join('\n');
}

/** Writes an executable Node script (an agent, a trap) and returns its path. */
export function writeScript(dir: string, name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/usr/bin/env node\n${source}\n`);
  chmodSync(file, 0o755);
  return file;
}

export interface Adversary {
  gh: FakeGitHub;
  /** A fresh temporary folder per test. */
  scratch: string;
  /** FAKE_RECORD_DIR of this test's agents. */
  records: string;
  /** A labeled event for issue #42, seeded on the fake server; the sender gets `permission` (null: none set). */
  seeded(overrides?: Parameters<typeof makeIssueEvent>[0], permission?: Permission | null): IssueEvent;
  /** Runs the bundled action against this test's fake GitHub, with write spacing off unless `env` sets it. */
  label(event: IssueEvent, opts?: Omit<RunActionOptions, 'event' | 'github'>): Promise<ActionRun>;
  /** What the fake CLIs recorded (argv, env, prompt...), oldest first. */
  calls(): ReturnType<typeof readRecords>;
}

/** Registers per-test set-up and clean-up; the returned object's fields are valid inside a test. */
export function useAdversary(prefix: string): Adversary {
  const runs: ActionRun[] = [];
  const self = {
    seeded(overrides: Parameters<typeof makeIssueEvent>[0] = {}, permission: Permission | null = 'write'): IssueEvent {
      const event = makeIssueEvent({
        number: ISSUE,
        title: 'Cache is not thread-safe',
        body: 'Two workers corrupt the cache.',
        ...overrides,
      });
      seedIssueFromEvent(self.gh, event);
      if (permission) self.gh.setPermission(event.sender.login, permission);
      return event;
    },
    async label(event: IssueEvent, opts: Omit<RunActionOptions, 'event' | 'github'> = {}): Promise<ActionRun> {
      const run = await runAction({
        event,
        github: self.gh,
        ...opts,
        env: { AI_ORCHESTRA_MIN_WRITE_INTERVAL_MS: '0', ...opts.env },
      });
      runs.push(run);
      return run;
    },
    calls: () => readRecords(self.records),
  } as Adversary;
  beforeEach(async () => {
    self.gh = await startFakeGitHub();
    self.scratch = await mkdtemp(join(tmpdir(), `ai-orchestra-${prefix}-`));
    self.records = join(self.scratch, 'records');
    await mkdir(self.records);
  });
  afterEach(async () => {
    await self.gh.close();
    await Promise.all(runs.splice(0).map((r) => r.cleanup()));
    await rm(self.scratch, { recursive: true, force: true });
  });
  return self;
}
