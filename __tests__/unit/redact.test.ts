// Tests secret redaction (src/security/redact.ts): token patterns, known values, deep redaction, secret env names.
import { describe, expect, it } from 'vitest';
import {
  looksLikeCredential,
  REDACTED,
  Redactor,
  redactorFor,
  secretValuesFromEnv,
  urlCredentials,
} from '../../src/security/redact.js';

// Fake tokens are assembled at run time, so that no token-shaped literal sits in the repository.
const alnum = (n: number, seed = 'aB3dE6gH9k'): string => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
const upper = (n: number): string => 'QZ7XW2KP9M'.repeat(Math.ceil(n / 10)).slice(0, n);

const redact = (text: string): string => new Redactor().redact(text);

describe('Redactor.redact: token patterns', () => {
  it.each(['ghp', 'gho', 'ghu', 'ghs', 'ghr'])('removes GitHub %s_ tokens', (prefix) => {
    const token = `${prefix}_${alnum(36)}`;
    expect(redact(`token=${token} and more`)).toBe(`token=${REDACTED} and more`);
    expect(redact(`"${token}"`)).toBe(`"${REDACTED}"`);
  });

  it('removes fine-grained github_pat_ tokens', () => {
    const token = `github_pat_${alnum(22)}_${alnum(59)}`;
    expect(redact(`Authorization: Bearer ${token}`)).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('leaves GitHub-like words that are not tokens', () => {
    expect(redact(`ghx_${alnum(36)} ghp_short`)).toBe(`ghx_${alnum(36)} ghp_short`);
  });

  it('removes Anthropic sk-ant- keys whole', () => {
    const key = `sk-ant-api03-${alnum(80)}-${alnum(6)}AA`;
    expect(redact(`ANTHROPIC_API_KEY=${key}\n`)).toBe(`ANTHROPIC_API_KEY=${REDACTED}\n`);
  });

  it('removes OpenAI-style sk- keys, also project and service-account keys', () => {
    for (const key of [
      `sk-${alnum(48)}`,
      `sk-proj-${alnum(40)}_${alnum(20)}`,
      `sk-svcacct-${alnum(40)}`,
      `sk-admin-${alnum(30)}`,
    ]) {
      expect(redact(`key: ${key}.`)).toBe(`key: ${REDACTED}.`);
    }
  });

  it('removes AWS access key ids and secret access keys, keeping the name of the setting', () => {
    expect(redact(`AKIA${upper(16)} ASIA${upper(16)}`)).toBe(`${REDACTED} ${REDACTED}`);
    const secret = alnum(38) + '/+';
    expect(redact(`aws_secret_access_key = ${secret}`)).toBe(`aws_secret_access_key = ${REDACTED}`);
    expect(redact(`AWS_SECRET_ACCESS_KEY: "${secret}"`)).toBe(`AWS_SECRET_ACCESS_KEY: "${REDACTED}"`);
    expect(redact(`aws_secret_access_key=${alnum(40)}`)).toBe(`aws_secret_access_key=${REDACTED}`);
  });

  it.each(['xoxb', 'xoxp', 'xoxa', 'xoxr', 'xoxs'])('removes Slack %s- tokens', (prefix) => {
    expect(redact(`slack ${prefix}-1234567890-0987654321-${alnum(24)} end`)).toBe(`slack ${REDACTED} end`);
  });

  it('removes JWTs', () => {
    const jwt = [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
      'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ',
      `${alnum(43)}`,
    ].join('.');
    expect(redact(`Bearer ${jwt}`)).toBe(`Bearer ${REDACTED}`);
  });

  it('removes Google API keys and PEM private keys', () => {
    expect(redact(`AIza${alnum(35)}`)).toBe(REDACTED);
    expect(redact(`key=AIza${alnum(34)}- next`)).toBe(`key=${REDACTED} next`);
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', alnum(64), alnum(64), '-----END RSA PRIVATE KEY-----'].join('\n');
    expect(redact(`before\n${pem}\nafter`)).toBe(`before\n${REDACTED}\nafter`);
    expect(redact(pem.replaceAll('RSA ', ''))).toBe(REDACTED);
  });

  it('removes every occurrence, of several kinds, in one text', () => {
    const gh = `ghs_${alnum(36)}`;
    const out = redact(`${gh} then sk-${alnum(30)} then ${gh}`);
    expect(out).toBe(`${REDACTED} then ${REDACTED} then ${REDACTED}`);
  });

  it('leaves text without secrets unchanged', () => {
    const text = [
      'commit 3f2a9c1d4e5b6a7980c1d2e3f4a5b6c7d8e9f0a1',
      'id 123e4567-e89b-12d3-a456-426614174000',
      'see https://github.com/octo-org/widgets/issues/42 and ask-the-team or desk-lamp-model-number-42',
      'sk-8 is short; AKIA123; xoxb-short; eyJ alone; ghp_',
      'const token = process.env.GITHUB_TOKEN; // never printed',
      'aws_secret_access_key = (see the vault)',
      '$(rm -rf /) `id` | & ; < > * ? ~ \\ "quoted" \'single\'',
      'Unicode: 你好 😀',
    ].join('\n');
    expect(redact(text)).toBe(text);
  });
});

describe('Redactor.redact: known values', () => {
  it('removes known values wherever they occur, as exact strings', () => {
    const r = new Redactor(['hunter2-password']);
    expect(r.redact('pw=hunter2-password;again:hunter2-password')).toBe(`pw=${REDACTED};again:${REDACTED}`);
  });

  it('treats regex-special characters in known values literally', () => {
    const secret = 'p@ss.w*rd+(x)?[y]{2}$^|\\';
    const r = new Redactor([secret]);
    expect(r.redact(`a ${secret} b`)).toBe(`a ${REDACTED} b`);
    // As a regular expression it would match these; as a literal it must not.
    expect(r.redact('p@ssXw*rd+(x)?[y]{2}$^|\\')).toBe('p@ssXw*rd+(x)?[y]{2}$^|\\');
    expect(r.redact('p@ss.wwwrd')).toBe('p@ss.wwwrd');
  });

  it('removes the longer of two overlapping secrets whole', () => {
    const r = new Redactor(['abcdef', 'abcdefghij']);
    expect(r.knownValues).toEqual(['abcdefghij', 'abcdef']);
    expect(r.redact('x abcdefghij y abcdef z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
  });

  it('ignores values shorter than six characters, blank values and duplicates, and trims the rest', () => {
    const r = new Redactor(['', '   ', 'true', '1', 'abcde', '  spaced-secret  ', 'spaced-secret', 'sixsix']);
    expect(r.knownValues).toEqual(['spaced-secret', 'sixsix']);
    expect(r.redact('true 1 abcde stay')).toBe('true 1 abcde stay');
  });
});

describe('Redactor.redactDeep', () => {
  it('redacts every string in nested objects and arrays, leaving other values as they are', () => {
    const gh = `ghp_${alnum(36)}`;
    const r = new Redactor(['my-known-secret']);
    const input = {
      version: 1,
      ok: true,
      missing: null,
      error: `failed with my-known-secret`,
      runs: [
        {
          agent: 'claude',
          answer: `use ${gh}`,
          usage: { inputTokens: 10, costUsd: 0.5 },
          tags: ['a', 'my-known-secret'],
        },
        { agent: 'gemini', answer: 'clean' },
      ],
      comments: { review: { body: [[`deep ${gh}`]] } },
    };
    expect(r.redactDeep(input)).toEqual({
      version: 1,
      ok: true,
      missing: null,
      error: `failed with ${REDACTED}`,
      runs: [
        { agent: 'claude', answer: `use ${REDACTED}`, usage: { inputTokens: 10, costUsd: 0.5 }, tags: ['a', REDACTED] },
        { agent: 'gemini', answer: 'clean' },
      ],
      comments: { review: { body: [[`deep ${REDACTED}`]] } },
    });
  });

  it('returns a copy and leaves the input untouched', () => {
    const input = { list: ['my-known-secret'] };
    const out = new Redactor(['my-known-secret']).redactDeep(input);
    expect(out).not.toBe(input);
    expect(input.list[0]).toBe('my-known-secret');
  });

  it('redacts a plain string too', () => {
    expect(new Redactor(['my-known-secret']).redactDeep('x my-known-secret')).toBe(`x ${REDACTED}`);
  });
});

describe('secretValuesFromEnv', () => {
  it('picks the values of secret-looking variable names', () => {
    const env: NodeJS.ProcessEnv = {
      ANTHROPIC_API_KEY: 'v-anthropic',
      OPENAI_APIKEY: 'v-openai',
      GEMINI_API_KEY: 'v-gemini',
      GITHUB_TOKEN: 'v-github',
      'INPUT_GITHUB-TOKEN': 'v-input',
      DB_PASSWORD: 'v-db',
      SMTP_PASSWD: 'v-smtp',
      CLIENT_SECRET: 'v-client',
      SIGNING_KEY: 'v-signing',
      GOOGLE_APPLICATION_CREDENTIALS: 'v-gcp',
      BASIC_AUTH: 'v-auth',
      my_lowercase_token: 'v-lower',
    };
    expect(secretValuesFromEnv(env).sort()).toEqual(Object.values(env).sort());
  });

  it('ignores ordinary variables and unset ones', () => {
    const env: NodeJS.ProcessEnv = {
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      GITHUB_REPOSITORY: 'o/r',
      KEYBOARD_LAYOUT: 'us',
      RUNNER_TEMP: '/tmp',
      UNSET_TOKEN: undefined,
    };
    expect(secretValuesFromEnv(env)).toEqual([]);
  });
});

describe('redactorFor', () => {
  it('knows the token, secret-looking env values and secret-looking agent env values', () => {
    const r = redactorFor(
      'ghs_workflow-token',
      { ANTHROPIC_API_KEY: 'anthropic-secret', PATH: '/usr/local/bin:/usr/bin' },
      [{ env: { CUSTOM_API_KEY: 'custom-agent-secret', MODE: 'production-mode' } }, { env: {} }],
    );
    expect([...r.knownValues].sort()).toEqual(['anthropic-secret', 'custom-agent-secret', 'ghs_workflow-token']);
    expect(
      r.redact('ghs_workflow-token anthropic-secret custom-agent-secret production-mode /usr/local/bin:/usr/bin'),
    ).toBe(`${REDACTED} ${REDACTED} ${REDACTED} production-mode /usr/local/bin:/usr/bin`);
  });

  it('ignores short and trivial values of secret-looking names, which would blank out ordinary words', () => {
    const r = redactorFor(
      '',
      { DEBUG_TOKEN: 'true', FEATURE_AUTH: '1', EMPTY_SECRET: '', SHORT_KEY: 'abc', SPACES_PASSWORD: '    ' },
      [{ env: { AGENT_TOKEN: 'false' } }],
    );
    expect(r.knownValues).toEqual([]);
    expect(r.redact('true 1 abc false')).toBe('true 1 abc false');
  });
});

describe('credentials under names that do not say so', () => {
  it('a long word of letters and digits is a credential; settings, paths, URLs, numbers and sentences are not', () => {
    expect(looksLikeCredential('LLM_ACCESS', 'q8Zk2Lm9Vx4Tr7Np3Wc1')).toBe(true);
    expect(looksLikeCredential('SERVICE_TOKEN', 'short')).toBe(true); // the name says so
    expect(looksLikeCredential('ANTHROPIC_MODEL', 'claude-sonnet-4-5-20250929')).toBe(false);
    expect(looksLikeCredential('OPENAI_BASE_URL', 'https://example.test/v1')).toBe(false);
    expect(looksLikeCredential('CLAUDE_CODE_MAX_RETRIES', '2')).toBe(false);
    expect(looksLikeCredential('WORKDIR', '/home/runner/work/repo2')).toBe(false);
    expect(looksLikeCredential('GREETING', 'hello world 2 you')).toBe(false);
    expect(looksLikeCredential('SHORT', 'ab12cd34')).toBe(false);
    expect(looksLikeCredential('NUMBER', '123456789012345')).toBe(false);
  });

  it('finds the password of credentials inside URLs', () => {
    expect(urlCredentials('http://proxyuser:pr0xy-pa55@proxy.test:3128 and https://a.test/x')).toEqual(['pr0xy-pa55']);
    expect(urlCredentials('https://example.test/no/credentials')).toEqual([]);
  });

  it('a URL password is redacted by pattern even when nobody registered it, the rest of the URL kept', () => {
    expect(new Redactor().redact('remote https://bot:s3cr3t-value@git.example.test/repo.git here')).toBe(
      `remote https://bot:${REDACTED}@git.example.test/repo.git here`,
    );
  });

  it('redactorFor registers what agents inherit by name and by config, and URL passwords from the environment', () => {
    const env = {
      LLM_ACCESS: 'q8Zk2Lm9Vx4Tr7Np3Wc1',
      HTTPS_PROXY: 'http://u:proxy-pw-77@proxy.test:3128',
      GITHUB_SHA: 'a'.repeat(20) + '1'.repeat(20),
    };
    const r = redactorFor('', env, [
      {
        env: { LLM_SESSION: 'Zt5Qe8Rw2Yu6Io1Pa4Sd', OPENAI_MODEL: 'gpt-5-codex-2025' },
        inheritedNames: ['LLM_ACCESS'],
      },
    ]);
    expect(r.knownValues).toEqual(
      expect.arrayContaining(['q8Zk2Lm9Vx4Tr7Np3Wc1', 'Zt5Qe8Rw2Yu6Io1Pa4Sd', 'proxy-pw-77']),
    );
    // What no agent is given is not guessed at: the commit SHA stays readable in provenance and comments.
    expect(r.knownValues).not.toContain(env.GITHUB_SHA);
    expect(r.knownValues).not.toContain('gpt-5-codex-2025');
  });
});
