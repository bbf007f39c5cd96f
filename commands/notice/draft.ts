import { type CommandContext } from '../../src/core/command.ts';
import { type Sender } from '../../src/core/identity.ts';
import type { Notice } from '../../src/generated/prisma/client.ts';
import type { Platform } from '../../src/messaging/types.ts';
import { guessCategory, type NoticeWords } from './rules/words.ts';

import { audienceChats, type NoticeAudience } from './audience.ts';
import { noticeText, PLATFORM_TEXT, whenText } from './format.ts';
import { buttonValue, writeReference, writeSubject } from '../../src/core/reference.ts';
import { NOTICE_SUBJECTS } from './subjects.ts';

/** The notice's audience in words: 「全社区」「3栋」「全街道」. */
function audienceLabel(context: CommandContext, words: NoticeWords): string {
  if (words.audience.tags.length > 0) return words.audience.tags.join('、');
  return context.t(words.audience.scope === 'street' ? 'notice.audience.street' : 'notice.audience.community');
}

/** Chats per platform, as the preview counts them: 「微信 2 · 飞书 1」. */
function perPlatform(context: CommandContext, chats: readonly { platform: Platform }[]): string {
  const counts = new Map<Platform, number>();
  for (const chat of chats) counts.set(chat.platform, (counts.get(chat.platform) ?? 0) + 1);
  return [...counts].map(([platform, count]) => `${context.t(PLATFORM_TEXT[platform])} ${count}`).join(' · ');
}

/**
 * 发布通知 / 定时通知 / 通知 with lines: checks who may publish to that audience, files the notice as
 * a draft and shows the preview (the text as residents will read it, the groups counted per
 * platform); 确认发布 commits it. Nothing is sent from here.
 */
export async function draftNotice(context: CommandContext<Sender>, words: NoticeWords, sendAt: Date | null): Promise<void> {
  const { tx, t, sender, policy } = context;
  // Who may publish to this audience, the commands' guards checked (publishersFor).
  const street = words.audience.scope === 'street';
  if (street ? sender.streetId === null : sender.communityId === null) {
    context.reply(t(street ? 'notice.noStreet' : 'notice.noCommunity'));
    return;
  }
  if (sendAt && sendAt.getTime() <= context.now.getTime()) {
    context.reply(t('notice.schedule.past', { at: whenText(sendAt, policy.timezone) }));
    return;
  }
  const audience: NoticeAudience = words.audience;
  const owner = { communityId: street ? null : sender.communityId, streetId: sender.streetId };
  const chats = await audienceChats(tx, owner, audience);
  const label = audienceLabel(context, words);
  if (chats.length === 0) {
    context.reply(t(audience.tags.length > 0 ? 'notice.noTaggedGroups' : 'notice.noGroups', { audience: label }));
    return;
  }
  const category = words.category ?? guessCategory(`${words.title}\n${words.body}`, policy.notice.categories, policy.notice.defaultCategory);
  const notice = await tx.notice.create({
    data: {
      ...owner,
      category,
      title: words.title,
      body: words.body,
      publisherId: sender.personId,
      publisherName: sender.name,
      audience: JSON.stringify(audience),
      audienceLabel: label,
      status: 'draft',
      askConfirm: words.askConfirm,
      sendAt,
      progressPlatform: context.message.platform,
      progressChatId: context.message.chatId,
      createdAt: context.now,
    },
  });
  const unreachable = chats.filter((c) => c.unreachable).length;
  const confirm = buttonValue('确认发布', writeReference(notice.id));
  const drop = buttonValue('撤回通知', writeReference(notice.id));
  context.reply(previewText(context, notice, chats.length, perPlatform(context, chats), unreachable), {
    buttons: [
      { label: t('notice.button.publish'), value: confirm },
      { label: t('notice.button.drop'), value: drop },
    ],
    subject: writeSubject(NOTICE_SUBJECTS.draft, notice.id),
  });
  context.expectAnswer({ command: 'notice-confirm', rest: '', expects: { kind: 'commands', answers: { 发布: confirm, 确定: confirm, 取消: drop, 放弃: drop } } });
}

function previewText(context: CommandContext, notice: Notice, total: number, platforms: string, unreachable: number): string {
  const { t, policy } = context;
  const lines = [
    t('notice.preview.head', { id: notice.id, category: notice.category }),
    t('notice.preview.audience', { audience: notice.audienceLabel, total, platforms }),
  ];
  if (unreachable > 0) lines.push(t('notice.preview.unreachable', { count: unreachable }));
  if (notice.sendAt) lines.push(t('notice.preview.at', { at: whenText(notice.sendAt, policy.timezone) }));
  lines.push('——', noticeText(t, notice), '——', t('notice.preview.confirm', { id: notice.id }));
  return lines.join('\n');
}
