import type { Translate } from '../../../src/i18n/index.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { releaseNotice } from '../sending.ts';

/** 定时通知: every minute, the confirmed notices whose time has come go out (each released once, by compare-and-set). */
export function noticeReleaseJob(t: Translate): Job {
  return {
    name: 'notice-release',
    cron: '* * * * *',
    async run({ tx, dueAt, out }) {
      const due = await tx.notice.findMany({ where: { status: 'scheduled', releasedAt: null, sendAt: { lte: dueAt } }, orderBy: { id: 'asc' }, select: { id: true } });
      for (const { id } of due) await releaseNotice({ tx, out, t }, id, dueAt);
    },
  };
}
