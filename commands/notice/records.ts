import type { RecordKind } from '../../src/core/records.ts';
import { streetOfCommunity } from '../../src/core/records.ts';
import { QUESTION_SUBJECT } from './question/subject.ts';

/** A notice as the guards see it: its office (a community's, or a street's), and its publisher. */
export const noticeRecord: RecordKind<{ id: number; communityId: number | null; streetId: number | null; publisherId: number; publisherName: string }> = {
  kind: 'notice',
  load: (tx, id) => tx.notice.findUnique({ where: { id }, select: { id: true, communityId: true, streetId: true, publisherId: true, publisherName: true } }),
  notFound: 'notice.notFound',
  ownedBy: (notice, actor) => notice.publisherId === actor.personId,
  notYours: (notice, id) => ({ key: 'notice.notYours', params: { id, name: notice.publisherName } }),
};

/**
 * A notice that asked for 收到, as a group it reached sees it: only where it was delivered. Its
 * answers are silent, so a number that names nothing here gets no answer either.
 */
export const noticeHereRecord: RecordKind<{ id: number; communityId: number | null; streetId: number | null; deliveryId: number }> = {
  kind: 'notice-delivery',
  async load(tx, id, chat) {
    const delivery = await tx.noticeDelivery.findFirst({ where: { noticeId: id, chatId: chat.id, status: 'sent' }, select: { id: true } });
    const notice = delivery ? await tx.notice.findUnique({ where: { id }, select: { askConfirm: true, communityId: true, streetId: true } }) : null;
    return delivery && notice?.askConfirm ? { id, communityId: notice.communityId, streetId: notice.streetId, deliveryId: delivery.id } : null;
  },
};

/** An alert (or an update of one) as the guards see it: its community, or its street for a street-wide alert. */
export const alertRecord: RecordKind<{ id: number; communityId: number | null; streetId: number | null }> = {
  kind: 'alert',
  load: (tx, id) => tx.alert.findUnique({ where: { id }, select: { id: true, communityId: true, streetId: true } }),
  notFound: 'alert.notFound',
};

/** A resident's question: its community's staff answer it. */
export const questionRecord: RecordKind<{ id: number; communityId: number | null; streetId: number | null }> = {
  kind: 'question',
  subject: QUESTION_SUBJECT,
  async load(tx, id) {
    const question = await tx.residentQuestion.findUnique({ where: { id }, select: { id: true, communityId: true } });
    return question && { ...question, streetId: await streetOfCommunity(tx, question.communityId) };
  },
  notFound: 'question.notFound',
};
