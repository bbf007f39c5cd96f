import { type AdapterDeps } from '../../src/messaging/adapter-deps.ts';
import { TelegramAdapter } from './adapter.ts';
import { telegramSettings } from './settings.ts';

export function createTelegramAdapter(deps: AdapterDeps): TelegramAdapter {
  return new TelegramAdapter({
    settings: telegramSettings(deps.env),
    store: deps.store,
    clock: deps.clock,
    log: deps.log.child({ component: 'telegram' }),
    server: deps.server,
  });
}
