import { z } from 'zod';

/**
 * Budgets at the door (messages the bot acts on, per sender, chat and platform account), the
 * reports one resident may file, and the lockout of wrong bind codes. Staff get room for a busy day;
 * residents and unbound accounts what a person typing needs.
 */

/** At most `count` messages acted on in any `perSeconds`. */
const windowSchema = z.object({ count: z.number().int().positive(), perSeconds: z.number().int().positive().max(7 * 24 * 3600) });
export type BudgetWindow = z.infer<typeof windowSchema>;

/** Wrong codes in a scope before it is locked, within how long; the first lock, doubled each time up to the longest. */
function lockSchema(defaults: { failures: number; withinMinutes: number; lockMinutes: number; maxLockMinutes: number }) {
  return z
    .object({
      failures: z.number().int().positive().default(defaults.failures),
      withinMinutes: z.number().int().positive().default(defaults.withinMinutes),
      lockMinutes: z.number().int().positive().default(defaults.lockMinutes),
      maxLockMinutes: z.number().int().positive().default(defaults.maxLockMinutes),
    })
    .refine((lock) => lock.lockMinutes <= lock.maxLockMinutes, { message: 'lockMinutes must not exceed maxLockMinutes', path: ['lockMinutes'] })
    .prefault({});
}
export type LockRule = z.infer<ReturnType<typeof lockSchema>>;

export const limitsPolicySchema = z.object({
  /** Per sender account holding an office or street role: a secretary approving 30 leave notes in a minute is a normal day. */
  staff: z.array(windowSchema).default([
    { count: 60, perSeconds: 60 },
    { count: 1_000, perSeconds: 3_600 },
  ]),
  /** Per resident or unbound account. */
  residents: z.array(windowSchema).default([
    { count: 10, perSeconds: 60 },
    { count: 100, perSeconds: 3_600 },
  ]),
  /** Per chat, residents and unbound accounts together (staff are never held back by others; button presses count only for their sender). */
  chat: z.array(windowSchema).default([{ count: 60, perSeconds: 60 }]),
  /** Per platform account (the bot as a whole), residents and unbound accounts together. */
  platform: z.array(windowSchema).default([{ count: 600, perSeconds: 60 }]),
  /** Cases one resident or unbound account may file; past it they are asked to add to their case (续报). Counted from the cases. */
  reports: z.object({ count: z.number().int().positive().default(3), perMinutes: z.number().int().positive().default(10) }).prefault({}),
  /** Wrong bind codes: per account, per group chat and per platform. */
  bind: z
    .object({
      account: lockSchema({ failures: 5, withinMinutes: 24 * 60, lockMinutes: 15, maxLockMinutes: 24 * 60 }),
      chat: lockSchema({ failures: 20, withinMinutes: 60, lockMinutes: 60, maxLockMinutes: 24 * 60 }),
      platform: lockSchema({ failures: 100, withinMinutes: 60, lockMinutes: 60, maxLockMinutes: 24 * 60 }),
    })
    .prefault({}),
});
export type LimitsPolicy = z.infer<typeof limitsPolicySchema>;
