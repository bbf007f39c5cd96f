import { toMessage, workGroupTargets } from '../../../src/core/addressing.ts';
import { insertUnlessDuplicate, type Tx } from '../../../src/db/client.ts';
import type { ResidentQuestion } from '../../../src/generated/prisma/client.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { OutboxEntry } from '../../../src/messaging/outbox.ts';
import type { Platform } from '../../../src/messaging/types.ts';
import { maskPrivate, audienceOf } from '../../../src/core/privacy.ts';
import { formatClock } from '../../../src/time/office-time.ts';
import { questionSubject } from './subject.ts';

/**
 * Residents' questions (居民提问): asked in a resident group, forwarded to the community's work
 * groups with who asked, where and a number; answered by the first staff member who takes it
 * (首问责任), whose answer goes back to the resident group quoting the resident. The work group reads
 * the question as written; a residents' group reads the answer without ID numbers or phones, as it
 * reads a case (an office number meant for everyone goes out as a notice, 服务热线).
 */

export interface Asked {
  communityId: number | null;
  platform: Platform;
  chatId: string;
  chatTitle: string | null;
  messageId: string;
  askerUserId: string;
  askerName: string;
  askerPersonId: number | null;
  text: string;
  askedAt: Date;
}

/** The question as the work group sees it: where, who, when, what, and how to answer. */
function postText(t: Translate, zone: string, question: ResidentQuestion, header: string): string {
  return [
    header,
    t('question.post.from', { chat: question.chatTitle ?? question.chatId, name: question.askerName, time: formatClock(question.askedAt, zone) }),
    question.text,
    t('question.post.hint', { id: question.id }),
  ].join('\n');
}

/** Posts the question (or its reminder) to the community's work groups, with the subject a quoted reply answers. */
export async function postToWorkGroups(tx: Tx, t: Translate, zone: string, question: ResidentQuestion, header: string): Promise<OutboxEntry[]> {
  const groups = await workGroupTargets(tx, question.communityId);
  const text = postText(t, zone, question, header);
  return groups.map((group) => ({ platform: group.platform, message: toMessage(group, text), subject: questionSubject(question.id) }));
}

/**
 * Files the question and forwards it; returns it with the work-group posts to send. Null when
 * the message was filed already: one message is one question, even when it comes to two
 * instances under two event ids (the unique key waits for the other's transaction, then says so).
 */
export async function fileQuestion(tx: Tx, t: Translate, zone: string, asked: Asked): Promise<{ question: ResidentQuestion; posts: OutboxEntry[] } | null> {
  const question = await insertUnlessDuplicate(tx, () => tx.residentQuestion.create({ data: asked }));
  if (!question) return null;
  const posts = await postToWorkGroups(tx, t, zone, question, t('question.post.title', { id: question.id }));
  return { question, posts };
}

export type AnswerOutcome =
  | { kind: 'answered'; question: ResidentQuestion; reply: OutboxEntry }
  | { kind: 'added'; question: ResidentQuestion; reply: OutboxEntry }
  | { kind: 'owned'; question: ResidentQuestion }
  | { kind: 'notFound' };

/** The answer as the question's chat may read it: a residents' group reads no ID number, phone or household. */
async function answerFor(tx: Tx, question: ResidentQuestion, answer: string): Promise<string> {
  const chat = await tx.chat.findUnique({ where: { platform_platformChatId: { platform: question.platform, platformChatId: question.chatId } }, select: { kind: true, purpose: true } });
  return audienceOf(chat ?? { kind: 'group', purpose: null }) === 'staff' ? answer : maskPrivate(answer);
}

/** The answer in the resident group, quoting the resident's question where the platform can. */
function answerMessage(t: Translate, question: ResidentQuestion, key: 'question.answer.toResident' | 'question.answer.more', staff: string, answer: string): OutboxEntry {
  return {
    platform: question.platform as Platform,
    message: {
      chatId: question.chatId,
      text: t(key, { id: question.id, name: staff, answer }),
      replyToMessageId: question.messageId,
      mention: { userId: question.askerUserId, name: question.askerName },
    },
  };
}

/**
 * 首问责任 as a compare-and-set: the open question becomes the first answerer's, and is closed. Its
 * owner may add to the answer later; anyone else is told who owns it.
 */
export async function answerQuestion(tx: Tx, t: Translate, id: number, staff: { personId: number; name: string }, answer: string, now: Date): Promise<AnswerOutcome> {
  const taken = await tx.residentQuestion.updateMany({
    where: { id, status: 'open' },
    data: { status: 'answered', ownerId: staff.personId, ownerName: staff.name, answer, answeredAt: now },
  });
  const question = await tx.residentQuestion.findUnique({ where: { id } });
  if (!question) return { kind: 'notFound' };
  if (taken.count === 1) return { kind: 'answered', question, reply: answerMessage(t, question, 'question.answer.toResident', staff.name, await answerFor(tx, question, answer)) };
  if (question.ownerId !== staff.personId) return { kind: 'owned', question };
  return { kind: 'added', question, reply: answerMessage(t, question, 'question.answer.more', staff.name, await answerFor(tx, question, answer)) };
}
