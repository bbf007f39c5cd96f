import type { FastifyInstance } from 'fastify';
import type { Env } from '../config/env.ts';
import type { Policy } from '../config/policy.ts';
import type { Logger } from '../log.ts';
import type { Clock } from '../time/clock.ts';
import type { PlatformStore } from './platform-store.ts';

/** What a platform adapter is built from: the bot's records only through its port, never the database. */
export interface AdapterDeps {
  env: Env;
  policy: Policy;
  clock: Clock;
  log: Logger;
  server: FastifyInstance;
  store: PlatformStore;
}
