// Gemini adapter: exact argv per mode and parsing of recorded `gemini -o json` documents and exit codes.
import { describe, expect, it } from 'vitest';
import { geminiAdapter } from '../../../src/agents/gemini.js';
import { fixture, makeAgent, makeProcessResult } from '../../kit/process-result.js';

const agent = makeAgent({ name: 'gemini-ranker', cli: 'gemini' });
const parse = (init: Parameters<typeof makeProcessResult>[0]) =>
  geminiAdapter.parseOutput(makeProcessResult(init), agent);

describe('geminiAdapter.buildInvocation', () => {
  it('keeps the default approval mode in read-only mode and trusts the workspace', () => {
    expect(geminiAdapter.buildInvocation(agent, 'read-only')).toEqual({
      argv: ['gemini', '-o', 'json'],
      env: { GEMINI_CLI_TRUST_WORKSPACE: 'true' },
    });
  });

  it('auto-approves edits in write mode', () => {
    const { argv } = geminiAdapter.buildInvocation(agent, 'write');
    expect(argv).toEqual(['gemini', '-o', 'json', '--approval-mode', 'auto_edit']);
    expect(argv).not.toContain('--yolo');
  });

  it('adds the model flag, then the configured args last', () => {
    const configured = makeAgent({
      name: 'g',
      cli: 'gemini',
      model: 'gemini-2.5-pro',
      args: ['--include-directories', 'docs'],
    });
    expect(geminiAdapter.buildInvocation(configured, 'read-only').argv).toEqual([
      'gemini',
      '-o',
      'json',
      '-m',
      'gemini-2.5-pro',
      '--include-directories',
      'docs',
    ]);
    expect(geminiAdapter.buildInvocation(configured, 'write').argv).toEqual([
      'gemini',
      '-o',
      'json',
      '--approval-mode',
      'auto_edit',
      '-m',
      'gemini-2.5-pro',
      '--include-directories',
      'docs',
    ]);
  });

  it('declares its install hint and env prefixes', () => {
    expect(geminiAdapter.id).toBe('gemini');
    expect(geminiAdapter.binary).toBe('gemini');
    expect(geminiAdapter.installHint).toBe('npm install -g @google/gemini-cli');
    expect(geminiAdapter.envPrefixes).toEqual(['GEMINI_', 'GOOGLE_']);
  });
});

describe('geminiAdapter.parseOutput', () => {
  it('reads the response and sums token stats over models', () => {
    expect(parse({ stdout: fixture('gemini/success.json') })).toEqual({
      ok: true,
      answer:
        'The workflow needs `issues: write` permission to post comments.\n\nAdd it under `permissions:` in the job.',
      usage: {
        inputTokens: 24401 + 803,
        cachedInputTokens: 10656,
        outputTokens: 215 + 103 + 16 + 38,
        apiDurationMs: 5672 + 914,
      },
      model: 'gemini-2.5-pro',
    });
  });

  it('tolerates a log line before the JSON on stdout', () => {
    const parsed = parse({ stdout: `Loaded cached credentials.\n${fixture('gemini/success.json')}` });
    expect(parsed.ok).toBe(true);
  });

  it('reports the error JSON from stdout', () => {
    const parsed = parse({ stdout: fixture('gemini/error-quota.json'), exitCode: 1 });
    expect(parsed).toEqual({
      ok: false,
      error:
        'gemini-ranker failed (exit code 1): [API Error: You exceeded your current quota, please check your plan and billing details.] (429)',
    });
  });

  it('reports the error JSON printed on stderr for HTTP 401 (exit 145), with an auth hint', () => {
    const parsed = parse({ stdout: '', stderr: fixture('gemini/error-401.stderr.txt'), exitCode: 145 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('gemini-ranker failed (exit code 145)');
    expect(parsed.error).toContain('Request had invalid authentication credentials');
    expect(parsed.error).toContain('(401)');
    expect(parsed.error).toContain('GEMINI_API_KEY');
  });

  it('explains exit 55 as an untrusted workspace', () => {
    const parsed = parse({ stdout: '', stderr: fixture('gemini/untrusted.stderr.txt'), exitCode: 55 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('gemini-ranker failed (exit code 55)');
    expect(parsed.error).toContain('does not trust the workspace folder');
    expect(parsed.error).toContain('GEMINI_CLI_TRUST_WORKSPACE=true');
    expect(parsed.error).toContain('last lines of stderr');
  });

  it('fails when an error object comes with exit code 0', () => {
    const stdout = JSON.stringify({
      response: 'partial',
      error: { type: 'ApiError', message: 'Rate limit exceeded', code: 429 },
    });
    expect(parse({ stdout })).toEqual({
      ok: false,
      error: 'gemini-ranker failed (exit code 0): Rate limit exceeded (ApiError 429)',
    });
  });

  it('fails on an empty response and keeps the usage', () => {
    const parsed = parse({ stdout: fixture('gemini/empty-response.json') });
    expect(parsed).toEqual({
      ok: false,
      error: 'gemini-ranker returned an empty answer (gemini "response" was empty)',
      usage: { inputTokens: 9012, cachedInputTokens: 0, outputTokens: 100, apiDurationMs: 2210 },
    });
  });

  it('says it could not parse garbage on exit 0', () => {
    const parsed = parse({ stdout: 'Hello! How can I help you today?' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('could not parse gemini JSON output');
    expect(parsed.error).toContain('Hello! How can I help you today?');
  });

  it('reports empty output', () => {
    expect(parse({ stdout: '' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not parse gemini JSON output; stdout and stderr were empty') as unknown,
    });
  });

  it('reports a non-zero exit with no JSON using the output tail', () => {
    const stderr = ['a', 'b', 'c', 'd', 'e', 'f', 'TypeError: fetch failed'].join('\n');
    expect(parse({ stdout: '', stderr, exitCode: 1 })).toEqual({
      ok: false,
      error: 'gemini-ranker failed (exit code 1): last lines of stderr:\nc\nd\ne\nf\nTypeError: fetch failed',
    });
  });

  it('unwraps the API error body that gemini 0.61 prints as text inside its own error message (HTTP 401, exit 145)', () => {
    const parsed = parse({ stdout: '', stderr: fixture('gemini/v0.61-error-401.stderr.txt'), exitCode: 145 });
    expect(parsed).toEqual({
      ok: false,
      error:
        'gemini-ranker failed (exit code 145): API key not valid. Please pass a valid API key. (UNAUTHENTICATED 401); ' +
        'check GEMINI_API_KEY (or GOOGLE_API_KEY / Vertex AI settings) in the workflow secrets',
    });
  });

  it('explains exit 41 "Invalid auth method selected" as the missing auth type of a custom base URL', () => {
    const stderr = JSON.stringify(
      { session_id: 's', error: { type: 'Error', message: 'Invalid auth method selected.', code: 41 } },
      null,
      2,
    );
    expect(parse({ stdout: '', stderr, exitCode: 41 })).toEqual({
      ok: false,
      error:
        'gemini-ranker failed (exit code 41): Invalid auth method selected. (41); with GOOGLE_GEMINI_BASE_URL set, Gemini CLI needs the auth type ' +
        'in $HOME/.gemini/settings.json: {"security":{"auth":{"selectedType":"gemini-api-key"}}}',
    });
  });

  it('says the API could not be reached when gemini only reports "fetch failed"', () => {
    const parsed = parse({ stdout: '', stderr: fixture('gemini/v0.61-unreachable.stderr.txt'), exitCode: 1 });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain(
      'gemini-ranker failed (exit code 1): exception TypeError: fetch failed sending request',
    );
    expect(parsed.error).toContain('the Gemini API could not be reached');
    expect(parsed.error).toContain('GOOGLE_GEMINI_BASE_URL');
  });

  it('refuses truncated output and names the log file', () => {
    const parsed = parse({ stdout: fixture('gemini/success.json'), stdoutTruncated: true });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toContain('exceeded the in-memory output limit');
    expect(parsed.error).toContain('/tmp/logs/agent.stdout.log');
  });
});

describe('geminiAdapter.describeTimeout', () => {
  it('names the last failed attempt of a retry loop that the timeout cut short', () => {
    const result = makeProcessResult({ stderr: fixture('gemini/v0.61-retrying-429.stderr.txt'), exitCode: null });
    expect(geminiAdapter.describeTimeout?.(result)).toBe(
      'Attempt 5 failed: You exceeded your current quota, please check your plan and billing details. Suggested retry after 1s..',
    );
  });

  it('says nothing when gemini reported no attempt', () => {
    expect(
      geminiAdapter.describeTimeout?.(makeProcessResult({ stderr: 'Loaded cached credentials.\n', exitCode: null })),
    ).toBeUndefined();
  });
});
