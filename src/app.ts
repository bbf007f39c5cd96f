import { randomUUID } from 'node:crypto';
import { SandboxAdapter } from '../adapters/sandbox/adapter.ts';
import { seedDemoIfEmpty } from './sandbox/demo.ts';
import { registerSandboxRoutes } from '../adapters/sandbox/routes.ts';
import { SandboxStore } from './sandbox/store.ts';
import { savedSandboxClock } from './sandbox/clock.ts';
import { sandboxAlone, sandboxEnabled, serverHostNames, type Env } from './config/env.ts';
import { redactor } from './config/redact.ts';
import type { Policy } from './config/policy.ts';
import type { Office } from './core/family.ts';
import { Dispatcher } from './core/dispatcher.ts';
import { createDb } from './db/client.ts';
import { takeInstanceLock, type InstanceLock } from './db/instance-lock.ts';
import { migrateDatabase } from './db/migrate.ts';
import { writeProbe } from './db/write-probe.ts';
import { translator } from './i18n/index.ts';
import { createHttpServer } from './http/server.ts';
import { createPlatformAdapters, type PlatformDeps } from './platforms.ts';
import { createLogger, type Logger } from './log.ts';
import { parseAdminChat } from './messaging/admin-report.ts';
import { chatGoneWatcher } from './messaging/chat-gone.ts';
import { DeliveryWorker, type DeliveryOptions } from './messaging/delivery.ts';
import { outboxSignal } from './db/outbox-signal.ts';
import type { ChatAdapter, Platform } from './messaging/types.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { SettableClock, SystemClock, type Clock } from './time/clock.ts';

export interface AppOptions {
  env: Env;
  policy: Policy;
  /** The families and what they bring (commands/index.ts, handed over by the entry point). */
  office: Office;
  /** Defaults to a settable clock when the sandbox is the only platform (its API moves it), else the system clock. */
  clock?: Clock;
  log?: Logger;
  delivery?: DeliveryOptions;
}

/** The composition root's parts: what the platforms get (PlatformDeps), and the workers around them. */
export interface App extends PlatformDeps {
  dispatcher: Dispatcher;
  delivery: DeliveryWorker;
  scheduler: Scheduler;
  adapters: Map<Platform, ChatAdapter>;
  sandbox: SandboxAdapter | null;
  start(): Promise<string>;
  stop(): Promise<void>;
}

/** The composition root: every part built once, here, from configuration. */
export async function createApp(options: AppOptions): Promise<App> {
  // Before a migration or a platform is touched: a second bot on the same SQLite file stops here.
  const lock = takeInstanceLock(options.env.DATABASE_URL);
  try {
    return await assemble(options, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

async function assemble(options: AppOptions, lock: InstanceLock | null): Promise<App> {
  const { env, policy } = options;
  const log = options.log ?? createLogger(env.LOG_LEVEL, redactor(env));
  const withSandbox = sandboxEnabled(env);
  const t = translator(env.LOCALE, options.office.texts);
  await migrateDatabase(env.DATABASE_URL);
  const db = createDb(env.DATABASE_URL, { onConnectionLost: (error) => log.warn({ err: error }, 'PostgreSQL connection lost') });
  // Beside a real platform time is the system's: a moved clock would act in real chats. The sandbox
  // alone goes on from the clock its API last set (src/sandbox/clock.ts).
  const saved = !options.clock && sandboxAlone(env) ? await savedSandboxClock(db) : null;
  const clock = options.clock ?? (sandboxAlone(env) ? new SettableClock(saved?.now, { frozen: saved?.frozen ?? false }) : new SystemClock());
  const server = createHttpServer(log, serverHostNames(env), () => writeProbe(db));

  const adapters = new Map<Platform, ChatAdapter>();
  let sandbox: SandboxAdapter | null = null;
  if (withSandbox) {
    sandbox = new SandboxAdapter(new SandboxStore(db), clock, env.BOT_NAME);
    adapters.set('sandbox', sandbox);
    const movableClock = sandboxAlone(env) && clock instanceof SettableClock ? clock : null;
    registerSandboxRoutes(server, sandbox, { clock, movableClock, timezone: policy.timezone, token: env.SANDBOX_TOKEN, t });
  }

  for (const adapter of await createPlatformAdapters({ env, policy, db, clock, log, server })) adapters.set(adapter.platform, adapter);

  const registry = options.office.registry(env.BOT_NAME);
  const watchers = [chatGoneWatcher(parseAdminChat(env.ADMIN_CHAT), t), ...registry.watchers(policy, t)];
  const signal = outboxSignal(env.DATABASE_URL, log.child({ component: 'outbox-signal' }));
  // A start of its own: a process restarted under the same name (pid 1 in a container) is not its predecessor.
  const instanceId = `${env.INSTANCE_ID}/${randomUUID().slice(0, 8)}`;
  const delivery = new DeliveryWorker(db, adapters, log.child({ component: 'delivery' }), { instanceId, signal, officeNow: () => clock.now(), ...options.delivery, watchers });
  const dispatcher = new Dispatcher({
    db,
    commands: registry.commands,
    policy,
    t,
    log: log.child({ component: 'dispatcher' }),
    clock,
    botName: env.BOT_NAME,
    onOutbox: () => delivery.kick(),
  });
  const scheduler = new Scheduler(db, clock, policy, log.child({ component: 'scheduler' }), registry.jobs(policy, t), env.INSTANCE_ID, () => delivery.kick());

  let started = false;
  return {
    env,
    policy,
    db,
    clock,
    log,
    server,
    dispatcher,
    delivery,
    scheduler,
    adapters,
    sandbox,
    async start() {
      if (sandbox && env.DEMO_DATA === 'auto' && (await seedDemoIfEmpty(db))) log.info('empty database: demo community 幸福社区 loaded');
      for (const adapter of adapters.values()) await adapter.start((message) => dispatcher.receive(message));
      const recovered = await dispatcher.recover();
      if (recovered > 0) log.info({ recovered }, 'events left unprocessed by the last run were handled');
      delivery.start();
      scheduler.start();
      const address = await server.listen({ host: env.HOST, port: env.PORT });
      started = true;
      return address;
    },
    async stop() {
      if (started) await server.close();
      await scheduler.stop();
      await delivery.stop();
      await signal?.close();
      for (const adapter of adapters.values()) await adapter.stop();
      await db.$disconnect();
      lock?.release();
    },
  };
}
