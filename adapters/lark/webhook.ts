import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../src/log.ts';
import type { WebhookConfig } from './config.ts';
import { decryptCallback, NonceGuard, verifyCallback } from './callback-security.ts';

/** Lark's own tolerance is unpublished; five minutes covers clock skew, not a replay hours later. */
const MAX_AGE_MS = 5 * 60_000;

export interface WebhookOptions extends WebhookConfig {
  log: Logger;
  /** Handles one verified, decrypted callback; its answer is the response body. */
  handle: (data: Record<string, unknown>) => Promise<object>;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The verification token sits in `header.token` (schema 2.0) or at the top (schema 1.0 and the URL challenge). */
function tokenOf(data: Record<string, unknown>): unknown {
  return (data.header as { token?: unknown } | undefined)?.token ?? data.token;
}

/**
 * The HTTP callback for events and card actions. Checks what the SDK's EventDispatcher does not:
 * the signature over the raw bytes, the timestamp's age and nonce reuse; then decrypts, answers
 * the URL challenge, checks the verification token and hands the callback over.
 */
export function registerLarkWebhook(server: FastifyInstance, options: WebhookOptions): void {
  const nonces = new NonceGuard(2 * MAX_AGE_MS);
  const refuse = (reply: FastifyReply, status: number, reason: string) => {
    options.log.warn({ reason }, 'lark callback refused');
    return reply.code(status).send({ error: reason });
  };

  // In its own scope, so the raw-body parser applies to this route only.
  server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(options.path, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signed = { timestamp: header(request, 'x-lark-request-timestamp'), nonce: header(request, 'x-lark-request-nonce'), signature: header(request, 'x-lark-signature') };
      const outer = parseJson(raw.toString('utf8'));
      if (!outer) return refuse(reply, 400, 'body is not a JSON object');

      let data = outer;
      if (typeof outer.encrypt === 'string') {
        let decrypted: Record<string, unknown> | null = null;
        try {
          decrypted = parseJson(decryptCallback(outer.encrypt, options.encryptKey));
        } catch {
          decrypted = null;
        }
        if (!decrypted) return refuse(reply, 400, 'cannot decrypt');
        data = decrypted;
      }

      if (tokenOf(data) !== options.verificationToken) return refuse(reply, 401, 'wrong verification token');
      // The URL challenge has no effect; the token (and, encrypted, the key) is proof enough.
      if (data.type === 'url_verification') return { challenge: data.challenge };

      const verdict = verifyCallback(signed, raw, options.encryptKey, MAX_AGE_MS, nonces, Date.now());
      if (!verdict.ok) return refuse(reply, 401, verdict.reason);
      return options.handle(data);
    });
  });
}
