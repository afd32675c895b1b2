// A fake OpenAI Responses API for the real `codex` CLI: streamed responses with usage, model listing, and
// OpenAI's own error bodies for injected failures.
import type { ServerResponse } from 'node:http';
import {
  FAKE_USAGE,
  type FakeModelServer,
  isRecord,
  type StartOptions,
  scriptedToolUse,
  sendJson,
  sendSse,
  startModelServer,
} from './common.js';

export const FAKE_OPENAI_MODEL = 'gpt-5-codex';

const ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'fake: invalid request' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message:
      'Incorrect API key provided: sk-fake. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  404: { type: 'invalid_request_error', code: null, message: 'fake: not found' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message:
      'Rate limit reached for gpt-5-codex on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
};

/** The error document api.openai.com sends for `status` (with a short retry-after on 429). */
export function sendOpenAiError(res: ServerResponse, status: number): void {
  const error = ERRORS[status] ?? { type: 'server_error', code: null, message: `fake: HTTP ${status}` };
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': `req_fake_${status}` };
  if (status === 429) headers['retry-after'] = '1';
  res.writeHead(status, headers);
  res.end(JSON.stringify({ error: { ...error, param: null } }));
}

function inputText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .filter(
      (part): part is { type: string; text: string } =>
        isRecord(part) && part.type === 'input_text' && typeof part.text === 'string',
    )
    .map((part) => part.text);
  return texts.length > 0 ? texts[texts.length - 1] : undefined;
}

/**
 * The user's own prompt in a Responses request: the last user message, skipping the context messages Codex
 * sends as user messages too (`<environment_context>`, `<user_instructions>`, AGENTS.md).
 */
export function responsesPrompt(body: unknown): string {
  if (!isRecord(body) || !Array.isArray(body.input)) return '';
  for (let i = body.input.length - 1; i >= 0; i--) {
    const item: unknown = body.input[i];
    if (!isRecord(item) || item.role !== 'user') continue;
    const text = inputText(item.content);
    if (
      text !== undefined &&
      !/^<(environment_context|user_instructions|permissions instructions)|^# AGENTS\.md/.test(text)
    )
      return text;
  }
  return '';
}

/** True when the input already carries the output of a tool call (the tool the fake asked for ran). */
function answersToolCall(body: Record<string, unknown>): boolean {
  return (
    Array.isArray(body.input) && body.input.some((item) => isRecord(item) && /_call_output$/.test(String(item.type)))
  );
}

type OutputItem = { kind: 'text'; text: string } | { kind: 'tool'; name: string; input: unknown };

function sendResponse(res: ServerResponse, body: Record<string, unknown>, output: OutputItem): void {
  const model = typeof body.model === 'string' ? body.model : FAKE_OPENAI_MODEL;
  const id = `resp_fake_${Date.now()}`;
  // A freeform (custom) tool takes its input as plain text, e.g. codex's `exec` with JavaScript source.
  const item =
    output.kind === 'tool'
      ? {
          id: 'ctc_fake_1',
          type: 'custom_tool_call',
          status: 'completed',
          call_id: `call_fake_${Date.now()}`,
          name: output.name,
          input: typeof output.input === 'string' ? output.input : JSON.stringify(output.input),
        }
      : {
          id: 'msg_fake_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: output.text, annotations: [] }],
        };
  const answer = output.kind === 'text' ? output.text : '';
  const usage = {
    input_tokens: FAKE_USAGE.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: FAKE_USAGE.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: FAKE_USAGE.inputTokens + FAKE_USAGE.outputTokens,
  };
  const response = {
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model,
    status: 'in_progress',
    output: [] as unknown[],
  };
  const events: { event: string; data: Record<string, unknown> }[] = [
    { event: 'response.created', data: { type: 'response.created', response } },
    {
      event: 'response.output_item.added',
      data: {
        type: 'response.output_item.added',
        output_index: 0,
        item: output.kind === 'text' ? { ...item, status: 'in_progress', content: [] } : item,
      },
    },
    ...(output.kind === 'text'
      ? [
          {
            event: 'response.output_text.delta',
            data: {
              type: 'response.output_text.delta',
              item_id: item.id,
              output_index: 0,
              content_index: 0,
              delta: answer,
            },
          },
        ]
      : []),
    { event: 'response.output_item.done', data: { type: 'response.output_item.done', output_index: 0, item } },
    {
      event: 'response.completed',
      data: { type: 'response.completed', response: { ...response, status: 'completed', output: [item], usage } },
    },
  ];
  sendSse(
    res,
    events.map((e, sequence) => ({ event: e.event, data: { ...e.data, sequence_number: sequence } })),
  );
}

/** Starts the fake on 127.0.0.1: its Responses base URL is `${url}/v1`. */
export function startFakeOpenAiResponses(opts: StartOptions = {}): Promise<FakeModelServer> {
  return startModelServer((req, res, body, ctx) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path.startsWith('/v1/models')) {
      sendJson(res, 200, {
        object: 'list',
        data: [{ id: FAKE_OPENAI_MODEL, object: 'model', created: 1_700_000_000, owned_by: 'openai' }],
        models: [],
      });
      return;
    }
    if (req.method === 'POST' && path === '/v1/responses' && isRecord(body)) {
      if (ctx.failure !== undefined) {
        sendOpenAiError(res, ctx.failure);
        return;
      }
      const prompt = responsesPrompt(body);
      const tool = answersToolCall(body) ? undefined : scriptedToolUse(prompt);
      sendResponse(res, body, tool ? { kind: 'tool', ...tool } : { kind: 'text', text: ctx.answerFor(prompt) });
      return;
    }
    sendOpenAiError(res, 404);
  }, opts);
}
