import { SendError } from '../../src/messaging/types.ts';

/** Lark's codes for a tenant token that expired early or was revoked: fetch a new one and retry. */
const TOKEN_INVALID = new Set([99991663, 99991661]);
/** Lark's frequency-limit code; some older APIs send it with HTTP 400 instead of 429. */
const RATE_LIMITED = 99991400;
/**
 * Lark's codes (message create, reply and delete) for a chat the bot can no longer write to:
 * 230002 the bot is not in the group, 232009 the group was dissolved, 230013 the person is outside
 * the app's availability (or has left the company), 230029 the person has resigned, 230053 the
 * person stopped the bot from messaging them.
 */
const CHAT_GONE = new Set([230002, 232009, 230013, 230029, 230053]);

export interface LarkReply {
  code?: number;
  msg?: string;
}

/** What went wrong with one API call, read from a thrown axios error or a 200 reply with code != 0. */
export interface LarkFailure {
  status: number | null;
  code: number | null;
  message: string;
  resetSeconds: number | null;
}

interface HttpErrorShape {
  message?: string;
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

export function failureFromThrown(error: unknown): LarkFailure {
  const { response, message } = (error ?? {}) as HttpErrorShape;
  const body = (response?.data ?? {}) as LarkReply;
  const reset = Number(response?.headers?.['x-ogw-ratelimit-reset']);
  return {
    status: response?.status ?? null,
    code: typeof body.code === 'number' ? body.code : null,
    message: body.msg ?? message ?? String(error),
    resetSeconds: Number.isFinite(reset) && reset >= 0 ? reset : null,
  };
}

export function failureFromReply(reply: LarkReply): LarkFailure {
  return { status: 200, code: reply.code ?? null, message: reply.msg ?? 'no message', resetSeconds: null };
}

export function isTokenInvalid(failure: LarkFailure): boolean {
  return failure.code !== null && TOKEN_INVALID.has(failure.code);
}

/** Rate limits and server or network trouble are retried; any other refusal by Lark is final. */
export function toSendError(failure: LarkFailure, what: string): SendError {
  const label = `lark ${what}: ${failure.status ?? 'no response'}${failure.code !== null ? ` code ${failure.code}` : ''} ${failure.message}`;
  if (failure.code !== null && CHAT_GONE.has(failure.code)) return SendError.chatGone(label);
  if (failure.status === 429 || failure.code === RATE_LIMITED) {
    return new SendError(label, true, failure.resetSeconds !== null ? failure.resetSeconds * 1000 : undefined);
  }
  if (failure.status === null || failure.status >= 500 || isTokenInvalid(failure)) return new SendError(label, true);
  return new SendError(label, false);
}
