import type { OutgoingMessage } from '../../src/messaging/types.ts';
import type { ButtonValue } from './events.ts';

export interface LarkContent {
  msgType: 'text' | 'interactive';
  /** The JSON string Lark's message APIs take as `content`. */
  content: string;
}

/**
 * Lark reads markup in a `text` message: `<at user_id="…">name</at>` mentions (user_id "all" is
 * everyone in the group), `<b> <i> <u> <s>` styles and `[text](url)` links. Sources: Lark's "Send
 * message content structure" (open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/im-v1/message/create_json,
 * msg_type text) and larksuite/cli skills/lark-im/references/lark-im-messages-send.md ("@all:
 * <at user_id=\"all\"></at>"). Neither says a text message decodes `&lt;`, so an entity would
 * either show as "&lt;" or, decoded before the tags are read, be a tag again; a zero-width space
 * right after each `<` (a tag's name must follow it at once) and inside each `](` leaves no tag and
 * no link under either reading and shows nothing. Every text is written this way: the bot's own
 * texts use no markup, its mentions are built here, and people's words (a report, a question, a
 * name) must never ping everyone or hide a link.
 */
const BREAK = '\u200b';

function plainText(text: string): string {
  return text.replaceAll('<', `<${BREAK}`).replaceAll('](', `]${BREAK}(`);
}

/** An id from Lark (ou_…): anything else would break out of the mention tag, so it is not mentioned. */
function larkId(userId: string): string | null {
  return /^[\w-]+$/.test(userId) ? userId : null;
}

/**
 * The card a message with buttons becomes. `update_multi` makes it a shared card, so replacing it
 * later (who approved, when) changes it for everyone in the chat.
 */
export function renderCard(message: OutgoingMessage): object {
  const elements: object[] = [];
  // Only markdown can @mention; the text itself stays plain_text, which Lark shows exactly as written.
  const mentioned = message.mention ? larkId(message.mention.userId) : null;
  if (mentioned) elements.push({ tag: 'div', text: { tag: 'lark_md', content: `<at id=${mentioned}></at>` } });
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
  const who = message.mention;
  const mentioned = who ? larkId(who.userId) : null;
  const mention = who && mentioned ? `<at user_id="${mentioned}">${plainText(who.name)}</at> ` : '';
  return { msgType: 'text', content: JSON.stringify({ text: `${mention}${plainText(message.text)}` }) };
}
