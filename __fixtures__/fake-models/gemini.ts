// A fake Gemini API (generativelanguage v1beta) for the real `gemini` CLI: streamed and plain content
// generation, token counting, model listing, and Google's own error bodies for injected failures.
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

export const FAKE_GEMINI_MODEL = 'gemini-2.5-pro';

const ERRORS: Record<number, { status: string; message: string; details?: unknown[] }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'fake: invalid argument' },
  401: {
    status: 'UNAUTHENTICATED',
    message: 'API key not valid. Please pass a valid API key.',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
    ],
  },
  403: { status: 'PERMISSION_DENIED', message: "Method doesn't allow unregistered callers." },
  404: { status: 'NOT_FOUND', message: 'fake: not found' },
  429: {
    status: 'RESOURCE_EXHAUSTED',
    message: 'You exceeded your current quota, please check your plan and billing details.',
    details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' }],
  },
  500: {
    status: 'INTERNAL',
    message:
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
};

/** The error document generativelanguage.googleapis.com sends for `status` (with a short retry-after on 429). */
export function sendGeminiError(res: ServerResponse, status: number): void {
  const error = ERRORS[status] ?? { status: 'UNKNOWN', message: `fake: HTTP ${status}` };
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
  if (status === 429) headers['retry-after'] = '1';
  res.writeHead(status, headers);
  res.end(JSON.stringify({ error: { code: status, ...error } }));
}

/** The user's prompt in a generateContent request: the last user turn's text parts, less the CLI's `<session_context>` part. */
export function geminiPrompt(body: unknown): string {
  if (!isRecord(body) || !Array.isArray(body.contents)) return '';
  for (let i = body.contents.length - 1; i >= 0; i--) {
    const turn: unknown = body.contents[i];
    if (!isRecord(turn) || turn.role !== 'user' || !Array.isArray(turn.parts)) continue;
    const texts = turn.parts
      .filter(
        (part): part is { text: string } => isRecord(part) && typeof part.text === 'string' && part.thought !== true,
      )
      .map((part) => part.text)
      .filter((text) => !text.startsWith('<session_context>'));
    if (texts.length > 0) return texts.join('');
  }
  return '';
}

function usageMetadata(): Record<string, unknown> {
  return {
    promptTokenCount: FAKE_USAGE.inputTokens,
    candidatesTokenCount: FAKE_USAGE.outputTokens,
    totalTokenCount: FAKE_USAGE.inputTokens + FAKE_USAGE.outputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: FAKE_USAGE.inputTokens }],
  };
}

function candidate(part: Record<string, unknown>): Record<string, unknown> {
  return { content: { role: 'model', parts: [part] }, index: 0, finishReason: 'STOP' };
}

/** True when the last turn carries function responses (the tool the fake asked for already ran). */
function answersFunctionCall(body: unknown): boolean {
  const last: unknown = isRecord(body) && Array.isArray(body.contents) ? body.contents.at(-1) : undefined;
  return isRecord(last) && Array.isArray(last.parts) && last.parts.some((p) => isRecord(p) && 'functionResponse' in p);
}

/** `/v1beta/models/<model>:<method>` → model and method. */
function modelCall(path: string): { model: string; method: string } | undefined {
  const m = /^\/v1beta\/models\/([^/:]+):([A-Za-z]+)$/.exec(path);
  return m ? { model: decodeURIComponent(m[1] ?? ''), method: m[2] ?? '' } : undefined;
}

/** Starts the fake on 127.0.0.1: point `GOOGLE_GEMINI_BASE_URL` at its `url`. */
export function startFakeGemini(opts: StartOptions = {}): Promise<FakeModelServer> {
  return startModelServer((req, res, body, ctx) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path.startsWith('/v1beta/models')) {
      sendJson(res, 200, {
        models: [
          {
            name: `models/${FAKE_GEMINI_MODEL}`,
            displayName: 'Fake Gemini',
            supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
          },
        ],
      });
      return;
    }
    const call = req.method === 'POST' ? modelCall(path) : undefined;
    if (!call) {
      sendGeminiError(res, 404);
      return;
    }
    if (call.method === 'countTokens') {
      sendJson(res, 200, { totalTokens: FAKE_USAGE.inputTokens });
      return;
    }
    if (call.method !== 'generateContent' && call.method !== 'streamGenerateContent') {
      sendGeminiError(res, 404);
      return;
    }
    if (ctx.failure !== undefined) {
      sendGeminiError(res, ctx.failure);
      return;
    }
    const prompt = geminiPrompt(body);
    const tool = answersFunctionCall(body) ? undefined : scriptedToolUse(prompt);
    const part = tool ? { functionCall: { name: tool.name, args: tool.input } } : { text: ctx.answerFor(prompt) };
    const final = {
      candidates: [candidate(part)],
      usageMetadata: usageMetadata(),
      modelVersion: call.model,
      responseId: `fake-${Date.now()}`,
    };
    if (call.method === 'generateContent') sendJson(res, 200, final);
    else sendSse(res, [{ data: final }]);
  }, opts);
}
