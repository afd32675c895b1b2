// GitHub's REST description (@octokit/openapi, api.github.com): finds the operation of a request and checks the
// request (route, method, path and query parameters, JSON body) and the response (status, JSON body) against it.
import { readFileSync } from 'node:fs';
import {
  cachedDescription,
  cacheKey,
  DescriptionValidator,
  packageFile,
  pointerSegment,
  slimSchema,
} from './schemas.js';

const PACKAGE = '@octokit/openapi';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
}

export interface RestOperation {
  method: string;
  /** Path template, e.g. /repos/{owner}/{repo}/issues/{issue_number}/comments */
  path: string;
  operationId: string;
  parameters: Parameter[];
  /** Absent: the operation takes no body; schema absent: one that is not JSON (uploads). */
  body?: { required: boolean; schema?: unknown };
  /** By status code (or "default"): the JSON body schema, or null when none is documented. */
  responses: Record<string, unknown | null>;
}

interface RestDescription {
  version: string;
  components: { schemas: Record<string, unknown> };
  operations: RestOperation[];
}

type OpenApi = {
  info: { version: string };
  paths: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function resolveRef<T>(doc: OpenApi, node: any): T {
  const ref: unknown = node?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/components/') || ref.startsWith('#/components/schemas/'))
    return node as T;
  const [, , kind, name] = ref.split('/');
  return resolveRef<T>(doc, doc.components[kind!]?.[name!]);
}

function jsonSchemaOf(content: Record<string, { schema?: unknown }> | undefined): unknown | null {
  if (!content) return null;
  const type =
    Object.keys(content).find((t) => t === 'application/json') ?? Object.keys(content).find((t) => /json/.test(t));
  return type && content[type]?.schema !== undefined ? slimSchema(content[type]!.schema) : null;
}

/** Only what the checks use: every operation's parameters, body and response schemas, plus the shared schemas. */
function buildRestDescription(): RestDescription {
  const doc = JSON.parse(readFileSync(packageFile(PACKAGE, 'generated/api.github.com.json'), 'utf8')) as OpenApi;
  const operations: RestOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared: any[] = item.parameters ?? [];
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...shared, ...(op.parameters ?? [])]
        .map((p) => resolveRef<Parameter>(doc, p))
        .map((p) => ({ name: p.name, in: p.in, required: p.required === true, schema: slimSchema(p.schema) }));
      const requestBody = resolveRef<
        { required?: boolean; content?: Record<string, { schema?: unknown }> } | undefined
      >(doc, op.requestBody);
      const bodySchema = jsonSchemaOf(requestBody?.content);
      const responses: Record<string, unknown | null> = {};
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        responses[status] = jsonSchemaOf(
          resolveRef<{ content?: Record<string, { schema?: unknown }> }>(doc, response).content,
        );
      }
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(op.operationId),
        parameters,
        ...(requestBody
          ? {
              body: { required: requestBody.required === true, ...(bodySchema === null ? {} : { schema: bodySchema }) },
            }
          : {}),
        responses,
      });
    }
  }
  const schemas = Object.fromEntries(
    Object.entries(doc.components.schemas ?? {}).map(([name, s]) => [name, slimSchema(s)]),
  );
  return { version: doc.info.version, components: { schemas }, operations };
}

interface Matcher {
  index: number;
  pattern: RegExp;
  names: string[];
  literals: number;
}

let description: RestDescription | undefined;
let validator: DescriptionValidator | undefined;
let matchers: Matcher[] | undefined;

function load(): { description: RestDescription; validator: DescriptionValidator; matchers: Matcher[] } {
  if (!description || !validator || !matchers) {
    description = cachedDescription(PACKAGE, 'rest-api.github.com', buildRestDescription);
    validator = new DescriptionValidator(description, cacheKey(PACKAGE, 'rest-api.github.com'));
    // Most literal segments first: /repos/{o}/{r}/issues/comments beats /repos/{o}/{r}/issues/{issue_number}.
    matchers = description.operations
      .map((op, index) => {
        const names: string[] = [];
        // A last parameter that names a path or ref takes slashes, as GitHub's routes do (contents/src/a.ts, git/ref/heads/x).
        const source = op.path
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/\{([^}]+)\}/g, (m: string, name: string, at: number, whole: string) => {
            names.push(name);
            return at + m.length === whole.length && ['path', 'ref', 'basehead'].includes(name) ? '(.+)' : '([^/]+)';
          });
        return {
          index,
          pattern: new RegExp(`^${source}/?$`),
          names,
          literals: op.path.split('/').filter((s) => s && !s.startsWith('{')).length,
        };
      })
      .sort((a, b) => b.literals - a.literals);
  }
  return { description, validator, matchers };
}

export interface RestRequest {
  method: string;
  pathname: string;
  query: Record<string, string>;
  /** Parsed JSON body, undefined when none was sent. */
  body: unknown;
}

export interface RequestCheck {
  operation?: RestOperation;
  /** What does not conform, each naming the route and the schema error. */
  problems: string[];
  /** The body's schema error alone: GitHub answers such a request 422 "Invalid request". */
  invalidBody?: string;
}

/** The documented operation for a method and path, with its path parameters. */
export function findOperation(
  method: string,
  pathname: string,
): { operation: RestOperation; index: number; pathParams: Record<string, string> } | undefined {
  const { description, matchers } = load();
  for (const m of matchers) {
    const op = description.operations[m.index]!;
    if (op.method !== method.toUpperCase()) continue;
    const found = m.pattern.exec(pathname);
    if (!found) continue;
    const pathParams = Object.fromEntries(m.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
    return { operation: op, index: m.index, pathParams };
  }
  return undefined;
}

/** A path or query value as the schema sees it: "7" is the integer 7, "true" the boolean. */
function parameterValue(raw: string, schema: any): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

export function checkRequest(req: RestRequest): RequestCheck {
  const { validator } = load();
  const route = `${req.method} ${req.pathname}`;
  const found = findOperation(req.method, req.pathname);
  if (!found) {
    const otherMethods = METHODS.map((m) => m.toUpperCase()).filter(
      (m) => m !== req.method && findOperation(m, req.pathname),
    );
    return {
      problems: [
        `${route}: no such operation in GitHub's REST description${otherMethods.length ? ` (the path exists for ${otherMethods.join(', ')})` : ''}`,
      ],
    };
  }
  const { operation: op, index, pathParams } = found;
  const where = `${route} (${op.operationId})`;
  const problems: string[] = [];
  const paramPointer = (p: Parameter): string => `/operations/${index}/parameters/${op.parameters.indexOf(p)}/schema`;
  for (const p of op.parameters) {
    const value = p.in === 'path' ? pathParams[p.name] : p.in === 'query' ? req.query[p.name] : undefined;
    if (value === undefined) {
      if (p.required && p.in === 'query') problems.push(`${where}: query parameter ${p.name} is required`);
      continue;
    }
    if (p.schema === undefined) continue;
    const errors = validator.errors(paramPointer(p), parameterValue(value, p.schema));
    if (errors.length) problems.push(`${where}: ${p.in} parameter ${DescriptionValidator.text(errors, p.name)}`);
  }
  const known = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of Object.keys(req.query)) {
    if (!known.has(name))
      problems.push(`${where}: unknown query parameter ${name} (documented: ${[...known].join(', ') || 'none'})`);
  }
  let invalidBody: string | undefined;
  if (req.body === undefined) {
    if (op.body?.required) problems.push(`${where}: the operation requires a JSON body and none was sent`);
  } else if (!op.body) {
    problems.push(`${where}: a body was sent to an operation that takes none`);
  } else if (op.body.schema !== undefined) {
    const errors = validator.errors(`/operations/${index}/body/schema`, req.body);
    if (errors.length) {
      invalidBody = DescriptionValidator.text(errors, 'body');
      problems.push(`${where}: request ${invalidBody}`);
    }
  }
  return { operation: op, problems, ...(invalidBody ? { invalidBody } : {}) };
}

/** Problems of a response the fake gives to a documented operation: an undocumented status, or a body off-schema. */
export function checkResponse(
  op: RestOperation,
  status: number,
  body: unknown,
  allowedUndocumented: ReadonlySet<number>,
): string[] {
  const { description, validator } = load();
  const where = `${op.method} ${op.path} (${op.operationId}) → ${status}`;
  const key = String(status) in op.responses ? String(status) : 'default' in op.responses ? 'default' : undefined;
  if (key === undefined) {
    if (!allowedUndocumented.has(status))
      return [`${where}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`];
    const errors = validator.errors('/components/schemas/basic-error', body);
    return errors.length ? [`${where}: ${DescriptionValidator.text(errors, 'response')} (GitHub's basic-error)`] : [];
  }
  const schema = op.responses[key];
  if (schema === null || schema === undefined) {
    return body === undefined || body === ''
      ? []
      : [`${where}: GitHub documents no body for this status, the fake sent one`];
  }
  if (body === undefined) return [`${where}: GitHub documents a JSON body for this status, the fake sent none`];
  const index = description.operations.indexOf(op);
  const errors = validator.errors(`/operations/${index}/responses/${pointerSegment(key)}`, body);
  return errors.length ? [`${where}: ${DescriptionValidator.text(errors, 'response')}`] : [];
}

/** The description's own version (e.g. 1.1.4), for messages and the report. */
export function restDescriptionVersion(): string {
  return load().description.version;
}

/** Compiles every validator of an operation (parameters, body, each documented response), e.g. to warm the cache. */
export function compileOperation(method: string, pathname: string): void {
  const { validator } = load();
  const found = findOperation(method, pathname);
  if (!found) return;
  const { operation: op, index } = found;
  op.parameters.forEach(
    (p, i) => p.schema !== undefined && validator.errors(`/operations/${index}/parameters/${i}/schema`, undefined),
  );
  if (op.body?.schema !== undefined) validator.errors(`/operations/${index}/body/schema`, undefined);
  for (const [status, schema] of Object.entries(op.responses)) {
    if (schema !== null) validator.errors(`/operations/${index}/responses/${pointerSegment(status)}`, undefined);
  }
  validator.errors('/components/schemas/basic-error', undefined);
}
