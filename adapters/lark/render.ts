import type { OutgoingMessage } from '../../src/messaging/types.ts';
import type { ButtonValue } from './events.ts';

export interface LarkContent {
  msgType: 'text' | 'interactive';
  /** The JSON string Lark's message APIs take as `content`. */
  content: string;
}

/**
 * The card a message with buttons becomes. `update_multi` makes it a shared card, so replacing it
 * later (who approved, when) changes it for everyone in the chat.
 */
export function renderCard(message: OutgoingMessage): object {
  const elements: object[] = [];
  // Only markdown can @mention; the text itself stays plain, so it shows exactly as written.
  if (message.mention) elements.push({ tag: 'div', text: { tag: 'lark_md', content: `<at id=${message.mention.userId}></at>` } });
  elements.push({ tag: 'div', text: { tag: 'plain_text', content: message.text } });
  if (message.buttons?.length) {
    elements.push({
      tag: 'action',
      actions: message.buttons.map((button, index) => ({
        tag: 'button',
        text: { tag: 'plain_text', content: button.label },
        type: index === 0 ? 'primary' : 'default',
        value: { command: button.value } satisfies ButtonValue,
      })),
    });
  }
  return { config: { wide_screen_mode: true, update_multi: true }, elements };
}

/** Plain text with a real @mention, or a card when there are buttons. */
export function renderMessage(message: OutgoingMessage): LarkContent {
  if (message.buttons?.length) return { msgType: 'interactive', content: JSON.stringify(renderCard(message)) };
  const mention = message.mention ? `<at user_id="${message.mention.userId}">${message.mention.name}</at> ` : '';
  return { msgType: 'text', content: JSON.stringify({ text: `${mention}${message.text}` }) };
}
