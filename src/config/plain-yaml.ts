// A fast reader for plain YAML: one document without tags, anchors, aliases or directives, read with js-yaml
// (about six times faster than `yaml` on a config of 32 agents, and a third of its size at start-up). Its scalars
// resolve as `yaml` resolves them (the YAML 1.2 core schema); anything else is left to `yaml` (./parse.ts), so a
// config means the same whichever reader read it. __tests__/unit/config/plain-yaml.test.ts holds the two to that.
import {
  CORE_SCHEMA,
  constructFromEvents,
  defineScalarTag,
  EVENT_ALIAS,
  EVENT_DOCUMENT,
  EVENT_POP,
  NOT_RESOLVED,
  parseEvents,
} from 'js-yaml';

/** What readPlainYaml returns for text it leaves to the reference reader. */
export const UNSUPPORTED: unique symbol = Symbol('not plain YAML');

// `yaml`'s core floats (yaml/dist/schema/core/float.js): unlike js-yaml's, an out-of-range number is Infinity, not a
// string, and an explicit !!float must look like a float.
const NAN_OR_INFINITY = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXPONENTIAL = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const DECIMAL = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const floatTag = defineScalarTag<number>('tag:yaml.org,2002:float', {
  implicit: true,
  implicitFirstChars: ['-', '+', '.', ...'0123456789'],
  resolve: (source) => {
    if (NAN_OR_INFINITY.test(source)) {
      if (source.slice(-3).toLowerCase() === 'nan') return Number.NaN;
      return source.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    return EXPONENTIAL.test(source) || DECIMAL.test(source) ? Number.parseFloat(source) : NOT_RESOLVED;
  },
  identify: () => false,
});
const SCHEMA = CORE_SCHEMA.withTags(floatTag);

/** The longest implicit key YAML allows; js-yaml reads longer ones, `yaml` refuses them. */
const MAX_IMPLICIT_KEY = 1024;

/**
 * Whether every mapping key reads as `yaml` reads it: an empty or null key (`~: x`, `: x`) is "null" to js-yaml and ""
 * to `yaml`, and a key over 1024 characters is an error to `yaml`. Such keys (and a key "null", to be sure) go to `yaml`.
 */
function keysAgree(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysAgree);
  if (value === null || typeof value !== 'object') return true;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'null' || key.length > MAX_IMPLICIT_KEY || !keysAgree(child)) return false;
  }
  return true;
}

/** The document as plain data, or UNSUPPORTED for anything but one plain YAML document that js-yaml reads. */
export function readPlainYaml(text: string): unknown {
  // A carriage return alone ends a line for js-yaml and not for `yaml` (where it can hide text inside a comment).
  if (/\r(?!\n)/.test(text)) return UNSUPPORTED;
  try {
    const events = parseEvents(text, {});
    let documents = 0;
    for (const event of events) {
      if (event.type === EVENT_DOCUMENT) {
        documents++;
        if (event.directives.length > 0) return UNSUPPORTED;
      } else if (event.type === EVENT_ALIAS) {
        return UNSUPPORTED;
      } else if (event.type !== EVENT_POP && (event.anchorStart !== -1 || event.tagStart !== -1)) {
        return UNSUPPORTED;
      }
    }
    if (documents !== 1) return UNSUPPORTED;
    const root = constructFromEvents(events, { source: text, schema: SCHEMA })[0] ?? {};
    return keysAgree(root) ? root : UNSUPPORTED;
  } catch {
    // Whatever js-yaml refuses, `yaml` reads and explains (with its own message and line).
    return UNSUPPORTED;
  }
}
