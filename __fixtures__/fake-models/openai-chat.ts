// A fake OpenAI Chat Completions API (`POST /v1/chat/completions`, streaming or not, and `GET /v1/models`),
// as copilot, qwen and opencode call it for OpenAI-compatible providers.
import type { ServerResponse } from 'node:http';
import { FAKE_USAGE, type FakeModelServer, type StartOptions, sendJson, sendSse, startModelServer } from './common.js';

/** The model id the fake lists and echoes. */
export const FAKE_CHAT_MODEL = 'fake-chat-model';

const ERROR_BODIES: Record<number, { message: string; type: string; code: string | null }> = {
  401: {
    message:
      'Incorrect API key provided: sk-fake***. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  429: {
    message: 'Rate limit reached for requests. Please try again in 1s.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
};

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export function openAiError(status: number): {
  error: { message: string; type: string; param: null; code: string | null };
} {
  const known = ERROR_BODIES[status] ?? { message: `fake failure ${status}`, type: 'server_error', code: null };
  return { error: { ...known, param: null } };
}

/** Text of a message whose content is a string or an array of parts (`{ type: 'text', text }`). */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  // qwen sends system reminders as earlier parts of the same user message; the prompt is the last part.
  const texts = content
    .filter(
      (part: unknown): part is { text: string } =>
        typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string',
    )
    .map((part) => part.text);
  return texts.at(-1) ?? '';
}

/**
 * What a CLI wraps around the prompt it was given, undone so the answer still identifies the prompt:
 * copilot prefixes `<current_datetime>…</current_datetime>` and trims; qwen appends blank lines.
 */
export function unwrapPrompt(text: string): string {
  return text.replace(/^\s*<current_datetime>[^<]*<\/current_datetime>\s*/, '').trim();
}

/** The text of the last `user` message of a chat request (its last text part when content is a part list). */
export function lastUserMessage(body: unknown): string {
  const messages = typeof body === 'object' && body !== null ? (body as { messages?: unknown }).messages : undefined;
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const message: unknown = messages[i];
    if (typeof message === 'object' && message !== null && (message as { role?: unknown }).role === 'user') {
      return unwrapPrompt(messageText((message as { content?: unknown }).content));
    }
  }
  return '';
}

const usage = {
  prompt_tokens: FAKE_USAGE.inputTokens,
  completion_tokens: FAKE_USAGE.outputTokens,
  total_tokens: FAKE_USAGE.inputTokens + FAKE_USAGE.outputTokens,
};

function sendCompletion(
  res: ServerResponse,
  model: string,
  answer: string,
  stream: boolean,
  includeUsage: boolean,
): void {
  const id = `chatcmpl-fake${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  if (!stream) {
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop', logprobs: null }],
      usage,
    });
    return;
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) => ({
    data: {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...extra,
    },
  });
  // The answer in two deltas, so a client that keeps only the last delta is caught.
  const half = Math.ceil(answer.length / 2);
  const events: { data: unknown }[] = [
    chunk({ role: 'assistant', content: '' }, null),
    chunk({ content: answer.slice(0, half) }, null),
    chunk({ content: answer.slice(half) }, null),
    chunk({}, 'stop'),
  ];
  if (includeUsage) events.push({ data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage } });
  events.push({ data: '[DONE]' });
  sendSse(res, events);
}

export interface ScriptedToolCall {
  /** The tool's name as the CLI declares it in `tools` (copilot `create`, qwen `write_file`, opencode `write`). */
  name: string;
  arguments: Record<string, unknown>;
}

export interface OpenAiChatOptions extends StartOptions {
  /**
   * Every agent call (one that offers tools) is answered with a call to this tool, offered or not, until the
   * request carries a tool result; then the fake answers as usual. How a test sees what a permission mode stops.
   */
  toolCall?: ScriptedToolCall;
}

/** Only agent calls offer tools (opencode's title call does not); the scripted call goes to those. */
function offersTools(request: Record<string, unknown>): boolean {
  return Array.isArray(request.tools) && request.tools.length > 0;
}

function hasToolResult(request: Record<string, unknown>): boolean {
  const messages = Array.isArray(request.messages) ? (request.messages as unknown[]) : [];
  return messages.some((m) => typeof m === 'object' && m !== null && (m as { role?: unknown }).role === 'tool');
}

function sendToolCall(res: ServerResponse, model: string, call: ScriptedToolCall, stream: boolean): void {
  const id = `chatcmpl-fake${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  const toolCall = {
    id: 'call_fake_1',
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  };
  if (!stream) {
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, tool_calls: [toolCall] },
          finish_reason: 'tool_calls',
          logprobs: null,
        },
      ],
      usage,
    });
    return;
  }
  const choice = (delta: Record<string, unknown>, finish: string | null) => ({
    data: {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    },
  });
  sendSse(res, [
    choice({ role: 'assistant', content: null, tool_calls: [{ index: 0, ...toolCall }] }, null),
    choice({}, 'tool_calls'),
    { data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage } },
    { data: '[DONE]' },
  ]);
}

/** Starts the fake; the answer to every chat call is `expectedAnswer(<last user message text>)`. */
export async function startOpenAiChatServer(opts: OpenAiChatOptions = {}): Promise<FakeModelServer> {
  return startModelServer((req, res, body, ctx) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && /\/models$/.test(path)) {
      sendJson(res, 200, {
        object: 'list',
        data: [{ id: FAKE_CHAT_MODEL, object: 'model', created: 1_700_000_000, owned_by: 'fake' }],
      });
      return;
    }
    if (req.method === 'POST' && /\/chat\/completions$/.test(path)) {
      if (ctx.failure !== undefined) {
        // A short retry-after, as OpenAI sends one: the CLIs' own retry loops then give up in seconds, not minutes.
        if (ctx.failure === 429) res.setHeader('retry-after', '1');
        sendJson(res, ctx.failure, openAiError(ctx.failure));
        return;
      }
      const request = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const model = typeof request.model === 'string' ? request.model : FAKE_CHAT_MODEL;
      if (opts.toolCall && offersTools(request) && !hasToolResult(request)) {
        sendToolCall(res, model, opts.toolCall, request.stream === true);
        return;
      }
      const answer = ctx.answerFor(lastUserMessage(body));
      const streamOptions = request.stream_options as { include_usage?: unknown } | undefined;
      sendCompletion(res, model, answer, request.stream === true, streamOptions?.include_usage === true);
      return;
    }
    sendJson(res, 404, {
      error: {
        message: `fake OpenAI chat server: no route ${req.method ?? ''} ${path}`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  }, opts);
}

/** The raw text of the last user message of every chat call, before `unwrapPrompt`: what the CLI really sent. */
export function sentUserTexts(server: FakeModelServer): string[] {
  return server.requests
    .filter((r) => r.method === 'POST')
    .map((r) => {
      const messages =
        typeof r.body === 'object' && r.body !== null ? (r.body as { messages?: unknown }).messages : undefined;
      if (!Array.isArray(messages)) return '';
      const last: unknown = [...messages]
        .reverse()
        .find((m: unknown) => typeof m === 'object' && m !== null && (m as { role?: unknown }).role === 'user');
      return typeof last === 'object' && last !== null ? messageText((last as { content?: unknown }).content) : '';
    });
}

/** The content of every `tool` message the CLI sent back: what its permission layer said about the scripted call. */
export function toolResults(server: FakeModelServer): string[] {
  const results: string[] = [];
  for (const r of server.requests) {
    const messages =
      typeof r.body === 'object' && r.body !== null ? (r.body as { messages?: unknown }).messages : undefined;
    if (!Array.isArray(messages)) continue;
    for (const m of messages as unknown[]) {
      if (typeof m === 'object' && m !== null && (m as { role?: unknown }).role === 'tool') {
        const content = (m as { content?: unknown }).content;
        results.push(typeof content === 'string' ? content : messageText(content));
      }
    }
  }
  return [...new Set(results)];
}
