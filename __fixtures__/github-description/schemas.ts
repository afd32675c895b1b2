// GitHub's published descriptions (REST and webhooks, from @octokit's npm packages), slimmed once into a disk
// cache, and their schemas compiled with ajv lazily, one at a time, each also cached on disk as a standalone module:
// a test file pays milliseconds, not the 13 MB parse and the compile.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'ai-orchestra-github-description');
/** Bump when the slimmed shape changes, so an old cache file is not read. */
const CACHE_FORMAT = 1;

// Keywords that only document; dropped from schemas (never from a `properties` map, where they are field names).
const DOC_KEYWORDS = new Set([
  'description',
  'example',
  'examples',
  'externalDocs',
  'title',
  'summary',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

/** Time spent here, for the overhead report (AI_ORCHESTRA_FIDELITY_STATS=1 prints it per test file). */
export const stats = { loadMs: 0, compileMs: 0, validateMs: 0, compiled: 0, validated: 0 };

/** The cache file name of a package's description: the package version and the cache format. */
export function cacheKey(pkg: string, name: string): string {
  return `${name}-${packageVersion(pkg)}-f${CACHE_FORMAT}`;
}

/** A copy of an OpenAPI 3.0 schema without documentation keywords, with `nullable` made plain JSON Schema. */
export function slimSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(slimSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DOC_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if ((key === 'properties' || key === 'patternProperties') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, slimSchema(schema)]));
    } else {
      out[key] = slimSchema(value);
    }
  }
  // OpenAPI 3.0 `nullable` without `type` (e.g. beside allOf) is not JSON Schema, and ajv refuses it.
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [{ type: 'null' }, out] };
  }
  // An enum of a nullable field must list null for null to pass (GitHub's usually does; make it so).
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/** The installed version of an npm package (part of the cache key). */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

/** A file inside an installed npm package. */
export function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

/**
 * `build()` of a package's description, cached on disk per package version and cache format. Several test
 * processes may build it at once: each writes a temporary file and renames it, so a reader sees a whole file.
 */
export function cachedDescription<T>(pkg: string, name: string, build: () => T): T {
  const started = performance.now();
  const file = join(CACHE_DIR, `${cacheKey(pkg, name)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    const built = build();
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(built));
    renameSync(tmp, file);
    return built;
  } finally {
    stats.loadMs += performance.now() - started;
  }
}

/** ajv, loaded on first use: every test file loads this module (the suite's setup), few of them validate. */
function newAjv(): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  // source: true keeps each validator's code, so it can be written out as a standalone module (below).
  const ajv = new AjvClass({
    strict: false,
    validateSchema: false,
    allErrors: false,
    logger: false,
    inlineRefs: false,
    code: { source: true },
  });
  addFormats(ajv);
  return ajv;
}

/**
 * One description document and its validators, by JSON pointer into the document (so `#/components/...`
 * references resolve). A validator is compiled by ajv on first use and also written to the disk cache as a
 * standalone module: the next test file (a new process) loads it instead of compiling again.
 */
export class DescriptionValidator {
  private ajv: Ajv | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly moduleDir: string;
  /** Compiled here, not yet in the disk cache: written by persist(), after the tests (it costs as much as compiling). */
  private readonly unsaved = new Map<string, ValidateFunction>();
  private static readonly instances = new Set<DescriptionValidator>();

  /** cacheKey names the document's version (e.g. rest-api.github.com-23.0.2), for the standalone modules. */
  constructor(
    private readonly document: object,
    cacheKey: string,
  ) {
    this.moduleDir = join(CACHE_DIR, `validators-${cacheKey}-ajv${packageVersion('ajv')}`);
    DescriptionValidator.instances.add(this);
  }

  /** Writes the validators compiled in this process to the disk cache, for at most budgetMs; returns how many. */
  static persist(budgetMs: number): number {
    const deadline = performance.now() + budgetMs;
    let written = 0;
    for (const instance of DescriptionValidator.instances) {
      for (const [file, validate] of instance.unsaved) {
        if (performance.now() > deadline || !instance.ajv) return written;
        instance.unsaved.delete(file);
        try {
          const standaloneCode = (
            require('ajv/dist/standalone') as { default: (ajv: Ajv, fn: ValidateFunction) => string }
          ).default;
          mkdirSync(instance.moduleDir, { recursive: true });
          const tmp = `${file}.${process.pid}.tmp`;
          writeFileSync(tmp, standaloneCode(instance.ajv, validate));
          renameSync(tmp, file);
          written++;
        } catch {
          // Only a cache: a later process compiles this validator itself.
        }
      }
    }
    return written;
  }

  private validator(pointer: string): ValidateFunction {
    const cached = this.compiled.get(pointer);
    if (cached) return cached;
    const started = performance.now();
    const file = join(this.moduleDir, `${createHash('sha256').update(pointer).digest('hex').slice(0, 32)}.cjs`);
    let validate: ValidateFunction | undefined;
    try {
      validate = require(file) as ValidateFunction;
    } catch {
      if (!this.ajv) {
        this.ajv = newAjv();
        this.ajv.addSchema(this.document, 'description');
      }
      validate = this.ajv.compile({ $ref: `description#${encodePointer(pointer)}` });
      this.unsaved.set(file, validate);
      stats.compiled++;
    }
    this.compiled.set(pointer, validate);
    stats.compileMs += performance.now() - started;
    return validate;
  }

  /** Errors of `data` against the schema at `pointer` (e.g. /components/schemas/issue-comment), or []. */
  errors(pointer: string, data: unknown): ErrorObject[] {
    const validate = this.validator(pointer);
    const started = performance.now();
    const ok = validate(data);
    stats.validateMs += performance.now() - started;
    stats.validated++;
    return ok ? [] : [...(validate.errors ?? [])];
  }

  /** ajv's errors as one line, e.g. `body must have required property 'body'`. */
  static text(errors: ErrorObject[], dataVar: string): string {
    return errors
      .slice(0, 5)
      .map(
        (e) =>
          `${dataVar}${e.instancePath} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
      )
      .join('; ');
  }
}

/** A JSON pointer made safe for a URI fragment (paths hold `{` and `}`). */
function encodePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/** `a/b` → `a~1b`: one JSON pointer segment. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
