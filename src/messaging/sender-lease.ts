import type { Db } from '../db/client.ts';
import { sql } from '../db/sql.ts';
import type { Platform } from './types.ts';

/** The epoch: a released lease is free to anyone. */
const RELEASED = new Date(0);

/**
 * Which instance sends a platform's outbox: one at a time. A platform's rate limits count per bot
 * (a chat's limit, Telegram's 30 messages a second in all), and an instance's limiter knows only its
 * own sends, so two senders would together go over them. The holder renews its lease while it
 * sends or polls; once the lease has run out (the holder died), the next instance to ask takes it.
 * Instants come from the caller's clock, so instances should keep their clocks in step (NTP): a
 * skew only shifts when a dead holder's lease is taken over.
 */
export class SenderLeases {
  /** The last holder seen of each platform and until when to believe it, so the question is not asked on every pass. */
  private readonly seen = new Map<Platform, { holder: string; until: number; recheckAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly instanceId: string,
    private readonly leaseMs: number,
    /** How often to ask again while another instance holds a lease: it may have given it up (a stop). */
    private readonly recheckMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * Whether this instance is the platform's sender now (taking or renewing the lease as needed); if
   * not, when to ask again. `taken`: it was not the sender until now (or its lease had run out
   * meanwhile), so another instance may have sent in the last moments.
   */
  async hold(platform: Platform): Promise<{ held: true; taken: boolean } | { held: false; askAgainAt: number }> {
    const now = this.now();
    const seen = this.seen.get(platform);
    if (seen && seen.holder === this.instanceId && seen.until - now > (this.leaseMs * 2) / 3) return { held: true, taken: false };
    const wasOurs = seen !== undefined && seen.holder === this.instanceId && seen.until > now;
    if (seen && seen.holder !== this.instanceId && seen.recheckAt > now) return { held: false, askAgainAt: seen.recheckAt };
    const [taken] = await sql(this.db).query<{ holder: string; until: Date }>`
      INSERT INTO "SenderLease" ("platform", "holder", "until") VALUES (${platform}, ${this.instanceId}, ${new Date(now + this.leaseMs)})
      ON CONFLICT ("platform") DO UPDATE SET "holder" = excluded."holder", "until" = excluded."until"
      WHERE "SenderLease"."holder" = excluded."holder" OR "SenderLease"."until" <= ${new Date(now)}
      RETURNING "holder", "until"`;
    const current =
      taken ?? (await sql(this.db).query<{ holder: string; until: Date }>`SELECT "holder", "until" FROM "SenderLease" WHERE "platform" = ${platform}`)[0];
    if (!current) return { held: false, askAgainAt: now };
    const until = current.until.getTime();
    const recheckAt = Math.min(until, now + this.recheckMs);
    this.seen.set(platform, { holder: current.holder, until, recheckAt });
    return current.holder === this.instanceId ? { held: true, taken: !wasOurs } : { held: false, askAgainAt: recheckAt };
  }

  /** Whether another instance was the platform's sender when last asked, and still is by its lease. */
  heldElsewhere(platform: Platform): boolean {
    const seen = this.seen.get(platform);
    return seen !== undefined && seen.holder !== this.instanceId && seen.until > this.now();
  }

  /** Gives the platform up (a stop, a platform not ready here), so another instance sends from its next look. */
  async release(platform: Platform): Promise<void> {
    const seen = this.seen.get(platform);
    if (!seen || seen.holder !== this.instanceId) return;
    this.seen.delete(platform);
    await sql(this.db).execute`UPDATE "SenderLease" SET "until" = ${RELEASED} WHERE "platform" = ${platform} AND "holder" = ${this.instanceId}`;
  }
}
