import type { Button } from '../../src/messaging/types.ts';

/** Telegram's limit on a button's callback_data. */
const MAX_BYTES = 64;
const INDEX_PREFIX = '#btn:';

/**
 * A button's value travels as its callback_data when it fits; a longer one (or one that looks like
 * an index) travels as its position on the message, and the press is resolved from the sent message.
 */
export function callbackData(button: Button, index: number): string {
  const fits = Buffer.byteLength(button.value, 'utf8') <= MAX_BYTES && button.value.length > 0;
  return fits && !button.value.startsWith(INDEX_PREFIX) ? button.value : `${INDEX_PREFIX}${index}`;
}

/** What a press carries: the value itself, the button's position on its message, or nothing usable. */
export function parseCallbackData(data: string): { value: string } | { index: number } | null {
  if (!data.startsWith(INDEX_PREFIX)) return { value: data };
  const index = Number(data.slice(INDEX_PREFIX.length));
  return Number.isInteger(index) && index >= 0 ? { index } : null;
}
