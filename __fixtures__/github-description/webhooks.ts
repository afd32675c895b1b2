// GitHub's webhook description (@octokit/openapi-webhooks) and its real example payloads
// (@octokit/webhooks-examples): which schema a payload answers to, and whether it does.
import { readFileSync } from 'node:fs';
import {
  cachedDescription,
  cacheKey,
  DescriptionValidator,
  packageFile,
  pointerSegment,
  slimSchema,
} from './schemas.js';

const PACKAGE = '@octokit/openapi-webhooks';

interface WebhookDescription {
  components: { schemas: Record<string, unknown> };
  /** By webhook key (issues-labeled, issue-comment-created, workflow-dispatch, ...): the payload schema. */
  webhooks: Record<string, unknown>;
}

function buildWebhookDescription(): WebhookDescription {
  const doc = JSON.parse(readFileSync(packageFile(PACKAGE, 'generated/api.github.com.json'), 'utf8')) as {
    webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    components: { schemas: Record<string, unknown> };
  };
  const webhooks = Object.fromEntries(
    Object.entries(doc.webhooks).map(([key, hook]) => [
      key,
      slimSchema(hook.post.requestBody.content['application/json']?.schema),
    ]),
  );
  const schemas = Object.fromEntries(Object.entries(doc.components.schemas).map(([name, s]) => [name, slimSchema(s)]));
  return { components: { schemas }, webhooks };
}

let loaded: { description: WebhookDescription; validator: DescriptionValidator } | undefined;
function load(): { description: WebhookDescription; validator: DescriptionValidator } {
  if (!loaded) {
    const description = cachedDescription(PACKAGE, 'webhooks-api.github.com', buildWebhookDescription);
    loaded = {
      description,
      validator: new DescriptionValidator(description, cacheKey(PACKAGE, 'webhooks-api.github.com')),
    };
  }
  return loaded;
}

/** The description's key of an event and action: issue_comment + created → issue-comment-created. */
export function webhookKey(event: string, action?: string): string {
  const base = event.replace(/_/g, '-');
  return action ? `${base}-${action.replace(/_/g, '-')}` : base;
}

export function webhookKeys(): string[] {
  return Object.keys(load().description.webhooks);
}

/**
 * The webhook a fixture file holds, from its name: the longest webhook key its name starts with
 * (issues-labeled-ai-review.json → issues-labeled); undefined when the name starts with none.
 */
export function webhookKeyOfFile(fileName: string): string | undefined {
  const name = fileName.replace(/\.json$/, '').replace(/_/g, '-');
  return webhookKeys()
    .filter((key) => name === key || name.startsWith(`${key}-`))
    .sort((a, b) => b.length - a.length)[0];
}

/** Schema errors of a payload against its webhook's schema, as one line each; [] when it conforms. */
export function checkWebhookPayload(key: string, payload: unknown): string[] {
  const { description, validator } = load();
  if (!(key in description.webhooks)) return [`no webhook ${key} in GitHub's webhook description`];
  const errors = validator.errors(`/webhooks/${pointerSegment(key)}`, payload);
  return errors.length ? [`${key}: ${DescriptionValidator.text(errors, 'payload')}`] : [];
}

interface ExampleGroup {
  name: string;
  examples: Record<string, any>[];
}

/** GitHub's example payloads of one event (and action, when given), from @octokit/webhooks-examples. */
export function webhookExamples(event: string, action?: string): Record<string, any>[] {
  const groups = JSON.parse(
    readFileSync(packageFile('@octokit/webhooks-examples', 'api.github.com/index.json'), 'utf8'),
  ) as ExampleGroup[];
  const examples = groups.find((g) => g.name === event)?.examples ?? [];
  return action === undefined ? examples : examples.filter((e) => e.action === action);
}
