import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';

/** The name in a Host header, without its port: `[::1]:3000` → `[::1]`, `Bot.Example.org.:443` → `bot.example.org`. */
function hostName(header: string | undefined): string {
  const host = (header ?? '').trim().toLowerCase();
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

/** What /healthz asks of the database: null when it takes writes, else why not. */
export type WriteCheck = () => Promise<{ reason: string; error: unknown } | null>;

/**
 * The bot's one HTTP server: sandbox page and API, platform webhooks. It answers only the names in
 * `hostNames` (serverHostNames in src/config/env.ts): a request for any other name gets 421.
 */
export function createHttpServer(log: Logger, hostNames: readonly string[], writable: WriteCheck): FastifyInstance {
  const server = Fastify({ loggerInstance: log.child({ component: 'http' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576 });
  const known = new Set(hostNames);
  const warned = new Set<string>();
  server.addHook('onRequest', async (request, reply) => {
    const name = hostName(request.headers.host);
    // A probe may use any address; the answer says nothing.
    if (known.has(name) || request.url === '/healthz') return;
    // Once per name (a few names at most), so a proxy that forwards a name not configured shows in the log.
    if (warned.size < 10 && !warned.has(name)) {
      warned.add(name);
      log.warn({ host: name }, 'request for a host name this server does not answer; add it to PUBLIC_HOSTNAMES if it is yours');
    }
    return reply.code(421).send({ error: 'this server does not answer that host name' });
  });
  // Unhealthy when a message could not be stored: a read-only or unreachable database fails every one.
  let failing = false;
  server.get('/healthz', async (_request, reply) => {
    const problem = await writable();
    if (problem && !failing) log.warn({ err: problem.error, reason: problem.reason }, 'health check: the database cannot be written');
    if (!problem && failing) log.info('health check: the database takes writes again');
    failing = problem !== null;
    return problem ? reply.code(503).send({ ok: false, reason: problem.reason }) : { ok: true };
  });
  server.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) log.error({ err: error }, 'http handler failed');
    void reply.code(status).send({ error: status >= 500 ? 'internal error' : error.message });
  });
  return server;
}
