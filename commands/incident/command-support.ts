import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import { type ArgsResult, type CommandContext, type ParseContext } from '../../src/core/command.ts';
import { type Text } from '../../src/i18n/text.ts';
import { type Sender } from '../../src/core/identity.ts';
import type { Desk } from './desk.ts';
import { incidentRef } from './subjects.ts';
import type { Actor } from './workflow.ts';

/** The desk on a command's transaction: what it posts goes into the command's outbox. */
export function deskFor(context: CommandContext): Desk {
  const { tx, policy, t, now, out, message } = context;
  return { tx, policy, t, now, out, here: { platform: message.platform, chatId: message.chatId } };
}

/** Runs one piece of desk work on the command's transaction, then answers the sender. */
export async function answerWith(context: CommandContext, work: (desk: Desk) => Promise<string>): Promise<void> {
  context.reply(await work(deskFor(context)));
}

export function actorOf(sender: Sender): Actor {
  return { personId: sender.personId, name: sender.name, roles: sender.roles };
}

/** A case number (typed, or the quoted case) and the text after it. */
export const refTextArgs = z.object({ id: z.number().int().positive().nullable(), text: asWritten(z.string()) });
export type RefTextArgs = z.infer<typeof refTextArgs>;

export function parseRefText(rest: string, context: ParseContext): ArgsResult<RefTextArgs> {
  const ref = incidentRef(rest, context.quotedSubject);
  return { ok: true, args: { id: ref.id, text: ref.rest } };
}

/** A case number with required text: without the text, asked for (and the number kept). */
export function parseRefRequired(rest: string, context: ParseContext, ask: (id: number) => Text): ArgsResult<RefTextArgs> {
  const parsed = parseRefText(rest, context);
  if (!parsed.ok) return parsed;
  const { id, text } = parsed.args;
  if (id === null) return { ok: false, error: { key: 'incident.which' } };
  if (!text) return { ok: false, ask: ask(id), expects: { kind: "text" }, partial: { id } };
  return parsed;
}
