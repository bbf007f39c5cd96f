import pg from 'pg';
import type { Logger } from '../log.ts';
import type { OutboxSignal } from '../messaging/delivery.ts';
import type { Platform } from '../messaging/types.ts';
import { databaseKind } from './database-url.ts';
import { backendProcessId } from './prisma-internals.ts';

const CHANNEL = 'shequ_outbox';
/** At most one signal per platform this often: a busy instance commits hundreds of replies a second. */
const SIGNAL_GAP_MS = 20;
const RECONNECT_MS = 1_000;

/**
 * Tells the other instances on one PostgreSQL that outbox rows were committed (LISTEN/NOTIFY on a
 * connection of its own), so the platform's sender sends them at once rather than at its next poll.
 * SQLite has none: one process serves its file.
 */
export function outboxSignal(databaseUrl: string, log: Logger): OutboxSignal | undefined {
  return databaseKind(databaseUrl) === 'postgres' ? new PostgresSignal(databaseUrl, log) : undefined;
}

class PostgresSignal implements OutboxSignal {
  private client: pg.Client | null = null;
  private closed = false;
  private readonly listeners: ((platform: Platform) => void)[] = [];
  private readonly lastSent = new Map<Platform, number>();
  private readonly due = new Map<Platform, NodeJS.Timeout>();
  private reconnect: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
  ) {
    void this.connect();
  }

  onSignal(listener: (platform: Platform) => void): void {
    this.listeners.push(listener);
  }

  notify(platform: Platform): void {
    if (this.due.has(platform) || this.closed) return;
    const wait = Math.max(0, (this.lastSent.get(platform) ?? 0) + SIGNAL_GAP_MS - Date.now());
    this.due.set(
      platform,
      setTimeout(() => {
        this.due.delete(platform);
        this.lastSent.set(platform, Date.now());
        // Without the connection the signal is skipped: the sender finds the rows at its next poll.
        this.client?.query('SELECT pg_notify($1, $2)', [CHANNEL, platform]).catch(() => undefined);
      }, wait),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.due.values()) clearTimeout(timer);
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 10_000 });
    let gone = false;
    const lost = (error?: Error) => {
      if (this.client === client) this.client = null;
      if (gone || this.closed) return;
      gone = true;
      if (error) this.log.warn({ err: error }, 'outbox signal connection lost');
      this.reconnect = setTimeout(() => {
        this.reconnect = null;
        void this.connect();
      }, RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      // Our own signals come back too; this instance already looked.
      if (message.processId === backendProcessId(client) || !message.payload) return;
      for (const listener of this.listeners) listener(message.payload as Platform);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.closed) await client.end();
      else this.client = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      lost(error as Error);
    }
  }
}
