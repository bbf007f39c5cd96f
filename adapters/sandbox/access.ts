import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Translate } from '../../src/i18n/index.ts';

const COOKIE = 'sandbox_token';

/**
 * Sent with every sandbox answer. The page runs only its own script and styles; pictures may come
 * from the sandbox, a data URL (a picture being scaled before sending) or a sender's http(s) URL.
 */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: http: https:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const digest = (value: string) => createHash('sha256').update(value).digest();

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * The sandbox's door: every answer carries SECURITY_HEADERS and, with a token set, only a caller
 * that shows it gets in: `Authorization: Bearer <token>`, or the cookie that `/sandbox?token=<token>`
 * sets once (HttpOnly, SameSite=Strict) before it redirects to the URL without the token.
 */
export function sandboxAccess(token: string | undefined, t: Translate) {
  const expected = token === undefined ? null : digest(token);
  // Compared as digests: equal length, and the time taken tells nothing about the token.
  const matches = (given: string | undefined) => expected !== null && given !== undefined && timingSafeEqual(digest(given), expected);

  return async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.headers(SECURITY_HEADERS);
    if (expected === null) return;
    const isPage = request.routeOptions.url === '/sandbox';
    const offered = isPage ? (request.query as Record<string, unknown>).token : undefined;
    if (typeof offered === 'string') {
      if (!matches(offered)) return refuse(reply, isPage, t);
      const url = new URL(request.url, 'http://sandbox');
      url.searchParams.delete('token');
      const secure = request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
      return reply
        .header('set-cookie', `${COOKIE}=${token}; Path=/sandbox; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`)
        .header('cache-control', 'no-store')
        .redirect(`/sandbox${url.search}`, 303);
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (matches(bearer) || matches(cookieValue(request.headers.cookie, COOKIE))) return;
    return refuse(reply, isPage, t);
  };
}

function refuse(reply: FastifyReply, isPage: boolean, t: Translate) {
  const message = t('sandbox.tokenNeeded');
  return isPage ? reply.code(401).type('text/plain; charset=utf-8').send(message) : reply.code(401).send({ error: message });
}
