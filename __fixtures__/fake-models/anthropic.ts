// A fake Anthropic Messages API for the real `claude` CLI: streamed and plain answers, token counting, model
// listing, and the API's own error bodies for injected failures.
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

export { FAKE_TOOL_USE } from './common.js';

export const FAKE_ANTHROPIC_MODEL = 'claude-sonnet-4-5-20250929';

const ERROR_TYPES: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'fake: invalid request' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'fake: not found' },
  429: {
    type: 'rate_limit_error',
    message: 'This request would exceed the rate limit for your organization. Please retry after 1 second.',
  },
  500: { type: 'api_error', message: 'Internal server error' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** The error document api.anthropic.com sends for `status` (with a short retry-after on 429). */
export function sendAnthropicError(res: ServerResponse, status: number): void {
  const error = ERROR_TYPES[status] ?? { type: 'api_error', message: `fake: HTTP ${status}` };
  const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': `req_fake_${status}` };
  if (status === 429) headers['retry-after'] = '1';
  res.writeHead(status, headers);
  res.end(JSON.stringify({ type: 'error', error, request_id: `req_fake_${status}` }));
}

/** The text a user message carries; Claude Code adds `<system-reminder>` blocks around the user's own text. */
function userText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .filter(
      (block): block is { type: string; text: string } =>
        isRecord(block) && block.type === 'text' && typeof block.text === 'string',
    )
    .map((block) => block.text)
    .filter((text) => !text.startsWith('<system-reminder>'));
  return texts.length > 0 ? texts[texts.length - 1] : undefined;
}

/** True when the last message is the user's tool results (the tool already ran). */
function answersToolResult(body: Record<string, unknown>): boolean {
  const last: unknown = Array.isArray(body.messages)
    ? body.messages.filter((m) => isRecord(m) && m.role !== 'system').at(-1)
    : undefined;
  return (
    isRecord(last) && Array.isArray(last.content) && last.content.some((b) => isRecord(b) && b.type === 'tool_result')
  );
}

/** The last user message's own text in a Messages request. */
export function anthropicPrompt(body: unknown): string {
  if (!isRecord(body) || !Array.isArray(body.messages)) return '';
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const message: unknown = body.messages[i];
    if (isRecord(message) && message.role === 'user') {
      const text = userText(message.content);
      if (text !== undefined) return text;
    }
  }
  return '';
}

function usage(): Record<string, number> {
  return {
    input_tokens: FAKE_USAGE.inputTokens,
    output_tokens: FAKE_USAGE.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

function blockEvents(block: Block, index: number): { event: string; data: unknown }[] {
  const start = block.type === 'text' ? { type: 'text', text: '' } : { ...block, input: {} };
  const delta =
    block.type === 'text'
      ? { type: 'text_delta', text: block.text }
      : { type: 'input_json_delta', partial_json: JSON.stringify(block.input) };
  return [
    { event: 'content_block_start', data: { type: 'content_block_start', index, content_block: start } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index } },
  ];
}

function sendMessage(res: ServerResponse, body: Record<string, unknown>, block: Block): void {
  const model = typeof body.model === 'string' ? body.model : FAKE_ANTHROPIC_MODEL;
  const id = `msg_fake_${Date.now()}`;
  const stopReason = block.type === 'tool_use' ? 'tool_use' : 'end_turn';
  if (body.stream !== true) {
    sendJson(res, 200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [block],
      stop_reason: stopReason,
      stop_sequence: null,
      usage: usage(),
    });
    return;
  }
  sendSse(res, [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage(), output_tokens: 1 },
        },
      },
    },
    { event: 'ping', data: { type: 'ping' } },
    ...blockEvents(block, 0),
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: { output_tokens: FAKE_USAGE.outputTokens },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}

/** Starts the fake on 127.0.0.1: point `ANTHROPIC_BASE_URL` at its `url`. */
export function startFakeAnthropic(opts: StartOptions = {}): Promise<FakeModelServer> {
  return startModelServer((req, res, body, ctx) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'HEAD' || (req.method === 'GET' && path === '/')) {
      res.writeHead(200).end();
      return;
    }
    if (req.method === 'GET' && path.startsWith('/v1/models')) {
      sendJson(res, 200, {
        data: [
          { type: 'model', id: FAKE_ANTHROPIC_MODEL, display_name: 'Fake Sonnet', created_at: '2025-09-29T00:00:00Z' },
        ],
        has_more: false,
        first_id: FAKE_ANTHROPIC_MODEL,
        last_id: FAKE_ANTHROPIC_MODEL,
      });
      return;
    }
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      sendJson(res, 200, { input_tokens: FAKE_USAGE.inputTokens });
      return;
    }
    if (req.method === 'POST' && path === '/v1/messages' && isRecord(body)) {
      if (ctx.failure !== undefined) {
        sendAnthropicError(res, ctx.failure);
        return;
      }
      const prompt = anthropicPrompt(body);
      const tool = answersToolResult(body) ? undefined : scriptedToolUse(prompt);
      if (tool)
        sendMessage(res, body, {
          type: 'tool_use',
          id: `toolu_fake_${Date.now()}`,
          name: tool.name,
          input: tool.input,
        });
      else sendMessage(res, body, { type: 'text', text: ctx.answerFor(prompt) });
      return;
    }
    sendAnthropicError(res, 404);
  }, opts);
}
