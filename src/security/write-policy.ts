// The policy every change of a write stage passes before it leaves the runner: protected paths are refused, and
// no added or changed file may carry a known secret (in any encoding of secret-forms.ts) or a token's shape.
import { AGENT_CONFIG_PATHS } from '../git/agent-config.js';
import { encodedForms, FILE_TOKEN_SHAPES } from './secret-forms.js';

/**
 * Refused by default: what runs with the repository's secrets once merged or pushed (workflows, actions), our own
 * config, what agent CLIs load and execute, and git's own instructions (attributes, submodules, ignore rules).
 */
export const DEFAULT_PROTECTED_PATHS: readonly string[] = [
  '.github/workflows/**',
  '.github/actions/**',
  '.github/ai-orchestra.yml',
  '.github/ai-orchestra.yaml',
  ...AGENT_CONFIG_PATHS.flatMap((p) => [p, `${p}/**`]),
  // Any file named .git* (.gitattributes, .gitmodules, .gitignore), at any depth, and anything inside a .git folder;
  // .github/ itself is not one (its workflows and actions are listed above).
  '**/.git*',
  '**/.git/**',
];

/** A glob as a regex: `**` any number of folders, `*` within one name, `?` one character; case-insensitive like macOS and Windows checkouts. */
function globToRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 'i');
}

export interface WritePolicy {
  /** The protected pattern a path matches, or undefined when the path may be committed. */
  protectedBy(path: string): string | undefined;
}

/** The default protected paths, less those a maintainer allowed (`allow-protected-paths`, exact patterns or paths). */
export function writePolicy(options: { configPath?: string; allow?: readonly string[] } = {}): WritePolicy {
  const patterns = [...DEFAULT_PROTECTED_PATHS, ...(options.configPath ? [options.configPath] : [])].map((p) => ({
    pattern: p,
    regex: globToRegex(p),
  }));
  const allowed = (options.allow ?? []).map(globToRegex);
  return {
    protectedBy(path) {
      if (allowed.some((regex) => regex.test(path))) return undefined;
      return patterns.find(({ regex }) => regex.test(path))?.pattern;
    },
  };
}

/** Bytes searched as latin1 text: every byte is one character, so ASCII tokens match inside binary data too. */
function asText(data: Buffer): string {
  return data.toString('latin1');
}

/**
 * The files (by path, never the value) that carry a known secret, in any of its encoded forms, or text shaped like
 * a common token. Every byte of every file is searched, binary files included.
 */
export function filesWithSecrets(
  files: readonly { path: string; data: Buffer }[],
  knownValues: readonly string[],
): string[] {
  const needles = knownValues.flatMap((value) => encodedForms(value)).map((form) => Buffer.from(form, 'utf8'));
  return files
    .filter(({ data }) => {
      if (needles.some((needle) => data.includes(needle))) return true;
      const text = asText(data);
      return FILE_TOKEN_SHAPES.some((shape) => new RegExp(shape.source, shape.flags.replace('g', '')).test(text));
    })
    .map(({ path }) => path);
}
