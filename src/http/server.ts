import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';

/** What /healthz asks of the database: null when it takes writes, else why not. */
export type WriteCheck = () => Promise<{ reason: string; error: unknown } | null>;

/** The bot's one HTTP server: sandbox page and API now, platform webhooks later. */
export function createHttpServer(log: Logger, writable: WriteCheck): FastifyInstance {
  const server = Fastify({ loggerInstance: log.child({ component: 'http' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576 });
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
