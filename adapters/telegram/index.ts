import type { PlatformDeps } from '../../src/platforms.ts';
import { TelegramAdapter } from './adapter.ts';
import { telegramSettings } from './settings.ts';

export function createTelegramAdapter(deps: PlatformDeps): TelegramAdapter {
  return new TelegramAdapter({
    settings: telegramSettings(deps.env),
    db: deps.db,
    clock: deps.clock,
    log: deps.log.child({ component: 'telegram' }),
    server: deps.server,
  });
}
