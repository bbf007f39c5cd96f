import { loadDay } from '../calendar/calendar-store.ts';
import type { Policy } from '../config/policy.ts';
import type { Translate } from '../i18n/index.ts';
import { enqueue } from '../messaging/outbox.ts';
import type { Platform } from '../messaging/types.ts';
import type { Job } from '../scheduler/scheduler.ts';
import { officeDate, parseHHMM } from '../time/office-time.ts';

/** Before each session, a reminder to every work group to check in, on workdays by the office calendar (调休 included). */
export function checkInReminderJobs(policy: Policy, t: Translate): Job[] {
  const lead = policy.checkIn.reminderMinutesBefore;
  if (lead === 0) return [];
  return policy.sessions.map((session) => {
    const at = parseHHMM(session.start) - lead;
    return {
      name: `checkin-reminder-${session.id}`,
      cron: `${at % 60} ${Math.floor(at / 60)} * * *`,
      async run({ tx, dueAt }) {
        const day = await loadDay(tx, officeDate(dueAt, policy.timezone));
        if (day.kind === 'holiday' || day.kind === 'weekend') return;
        const chats = await tx.chat.findMany({ where: { purpose: 'work' } });
        const text = t('checkin.reminder', { session: session.name, start: session.start });
        await enqueue(
          tx,
          chats.map((chat) => ({ platform: chat.platform as Platform, message: { chatId: chat.platformChatId, text } })),
          dueAt,
        );
      },
    };
  });
}
