import { TelegramError } from 'telegraf';
import { SendError } from '../../src/messaging/types.ts';

/** The new chat id when Telegram refuses a send because the group became a supergroup. */
export function migratedTo(error: unknown): string | null {
  const id = error instanceof TelegramError ? error.parameters?.migrate_to_chat_id : undefined;
  return id === undefined ? null : String(id);
}

/** True when an edit failed only because the text and buttons are already what we asked for. */
export function isNotModified(error: unknown): boolean {
  return error instanceof TelegramError && error.code === 400 && /message is not modified/i.test(error.description);
}

/** True when the message to edit is gone or too old to edit: send the text anew instead. */
export function cannotEdit(error: unknown): boolean {
  return error instanceof TelegramError && error.code === 400 && /message to edit not found|message can't be edited/i.test(error.description);
}

/**
 * Telegram's words for a chat the bot can no longer write to: removed from the group, the group
 * deleted, blocked by the person, the account deleted, or a private chat the person never started.
 * A bot that is only muted ("not enough rights") is still in the chat and is not gone.
 */
const CHAT_GONE =
  /bot was kicked|bot is not a member|chat not found|group chat was deleted|bot was blocked by the user|user is deactivated|bot can't initiate conversation/i;

/** True when a recall found nothing to delete: the message is gone already. */
export function isAlreadyDeleted(error: unknown): boolean {
  return error instanceof TelegramError && error.code === 400 && /message to delete not found/i.test(error.description);
}

/**
 * 429: wait as long as Telegram says; 5xx and network failures: retry with backoff; a chat the bot
 * can no longer write to is `gone`; any other refusal (400 bad request, 403 muted) will not get
 * better by retrying.
 */
export function toSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  if (error instanceof TelegramError) {
    const text = `telegram ${error.code}: ${error.description}`;
    if ((error.code === 400 || error.code === 403) && CHAT_GONE.test(error.description)) return SendError.chatGone(text);
    if (error.code === 429) {
      const seconds = error.parameters?.retry_after;
      return new SendError(text, true, typeof seconds === 'number' ? seconds * 1000 : undefined);
    }
    return new SendError(text, error.code >= 500);
  }
  return new SendError(`telegram unreachable: ${(error as Error)?.message ?? String(error)}`, true);
}
