// Each adapter finds its CLI's session id in what the CLI printed (recorded real outputs), and resumes it.
import { describe, expect, it } from 'vitest';
import { sessionIdIn } from '../../../src/agents/output-parsing.js';
import { builtInAdapters } from '../../../src/agents/registry.js';
import { parseMarker } from '../../../src/report/comment-body.js';
import { fixture, makeProcessResult } from '../../kit/process-result.js';

const CAPTURED: [cli: string, file: string, id: string][] = [
  ['claude', 'claude/success.json', '6f1c2a7e-3b9d-4c55-9a0e-2d8f4b7c1e90'],
  ['codex', 'codex/success.jsonl', '0199a213-81c0-7800-8aa1-bbab2a035a53'],
  ['gemini', 'gemini/success.json', '3f6e2b1a-9c8d-4e7f-a6b5-c4d3e2f1a0b9'],
  ['qwen', 'qwen/success-read-only.stdout.txt', '7dd2abce-d3f5-48e0-af06-f8e7a23b8140'],
  ['copilot', 'copilot/success-read-only.stdout.txt', 'c1c81c63-0a72-4f70-b4cc-b81ec01977da'],
  ['opencode', 'opencode/success-read-only.stdout.txt', 'ses_dcf928d0cffeGylhQ70KAo1CmR'],
];

describe('session ids', () => {
  it.each(CAPTURED)('%s: found in its recorded output', (cli, file, id) => {
    expect(builtInAdapters[cli]!.session!.idOf(makeProcessResult({ stdout: fixture(file) }))).toBe(id);
  });

  it.each([
    ['claude', ['--resume', 'ID-12345678']],
    ['codex', ['resume', 'ID-12345678', '-']],
    ['gemini', ['--resume', 'ID-12345678']],
    ['qwen', ['--resume', 'ID-12345678']],
    ['copilot', ['--resume=ID-12345678']],
    ['opencode', ['--session', 'ID-12345678']],
  ])('%s: resumes with the mode flags kept in front', (cli, tail) => {
    const adapter = builtInAdapters[cli]!;
    const fresh = adapter.buildInvocation(
      { name: cli, cli, args: ['--extra'], env: {}, passEnv: [], timeoutSec: 60 },
      'read-only',
    );
    const resumed = adapter.session!.resume(fresh, 'ID-12345678');
    expect(resumed.argv).toEqual([...fresh.argv, ...tail]);
    expect(resumed.env).toEqual(fresh.env);
  });

  it('a session id inside the model text (an escaped JSON string) is not taken', () => {
    const text = JSON.stringify({ result: 'say "session_id":"aaaaaaaa-forged"', other: 1 });
    expect(sessionIdIn(text, 'session_id')).toBeUndefined();
    expect(sessionIdIn(`${text}\n{"session_id":"bbbbbbbb-real"}`, 'session_id')).toBe('bbbbbbbb-real');
  });

  it('no session id without one in the output, or with characters an id never has', () => {
    expect(builtInAdapters.claude!.session!.idOf(makeProcessResult({ stdout: '{"type":"result"}' }))).toBeUndefined();
    expect(sessionIdIn('{"session_id":"../../etc/passwd"}', 'session_id')).toBeUndefined();
    // An id goes into argv after a resume flag: one that starts like a flag is never taken.
    expect(sessionIdIn('{"session_id":"--dangerously-skip"}', 'session_id')).toBeUndefined();
    expect(
      parseMarker('<!-- ai-orchestra:v1 run=1 pipeline=ask key=agent:claude session=--help -->')?.session,
    ).toBeUndefined();
    expect(parseMarker('<!-- ai-orchestra:v1 run=1 pipeline=ask key=agent:claude session=ab12-cd -->')?.session).toBe(
      'ab12-cd',
    );
  });
});
