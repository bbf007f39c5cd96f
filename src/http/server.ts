import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';

/** The bot's one HTTP server: sandbox page and API now, platform webhooks later. */
export function createHttpServer(log: Logger): FastifyInstance {
  const server = Fastify({ loggerInstance: log.child({ component: 'http' }) as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576 });
  server.get('/healthz', async () => ({ ok: true }));
  server.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) log.error({ err: error }, 'http handler failed');
    void reply.code(status).send({ error: status >= 500 ? 'internal error' : error.message });
  });
  return server;
}
