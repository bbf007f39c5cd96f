import type { OutgoingMessage } from '../../src/messaging/types.ts';
import { callbackData } from './callback-data.ts';

/** Telegram's limit on one message's text. */
export const MAX_TEXT = 4096;
const BUTTONS_PER_ROW = 3;

export interface TextPart {
  text: string;
  entities?: { type: 'text_mention'; offset: number; length: number; user: { id: number; is_bot: false; first_name: string } }[];
}

type InlineKeyboard = { inline_keyboard: { text: string; callback_data: string }[][] };

/**
 * The message text with its mention as a text_mention entity, so the person is notified without
 * HTML escaping. Every send and edit goes without parse_mode: Telegram then reads no markup at all,
 * so people's words (<b>, *x*, [link](url)) arrive exactly as they wrote them, and there is nothing
 * to escape (test/telegram/telegram-plain-text.test.ts). The bot sends no photos, so no captions.
 */
export function messageText(message: OutgoingMessage): TextPart {
  const mention = message.mention;
  const userId = Number(mention?.userId);
  if (!mention?.name || !Number.isSafeInteger(userId)) return { text: message.text };
  const tag = `@${mention.name}`;
  // Offsets count UTF-16 code units, as JavaScript string lengths do.
  return { text: `${tag} ${message.text}`, entities: [{ type: 'text_mention', offset: 0, length: tag.length, user: { id: userId, is_bot: false, first_name: mention.name } }] };
}

export function inlineKeyboard(message: OutgoingMessage): InlineKeyboard | undefined {
  const buttons = message.buttons ?? [];
  if (buttons.length === 0) return undefined;
  const keys = buttons.map((button, index) => ({ text: button.label, callback_data: callbackData(button, index) }));
  const rows: InlineKeyboard['inline_keyboard'] = [];
  for (let i = 0; i < keys.length; i += BUTTONS_PER_ROW) rows.push(keys.slice(i, i + BUTTONS_PER_ROW));
  return { inline_keyboard: rows };
}

/** Splits text over Telegram's limit at line ends where possible; the first part keeps the mention entity. */
export function splitText(part: TextPart, max = MAX_TEXT): TextPart[] {
  if (part.text.length <= max) return [part];
  const parts: TextPart[] = [];
  let rest = part.text;
  while (rest.length > max) {
    const newline = rest.lastIndexOf('\n', max);
    let cut = newline > max / 2 ? newline : max;
    // Never cut a surrogate pair in two.
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut -= 1;
    parts.push({ text: rest.slice(0, cut) });
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0) parts.push({ text: rest });
  if (part.entities) parts[0]!.entities = part.entities;
  return parts;
}
