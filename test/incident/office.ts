import { startTestApp, type TestApp, type TestAppOptions } from '../helpers/app.ts';

/** 张伟 on the duty roster's 24-hour shift every day (read by the desk only through onDutyAt). */
export const ZHANG_ON_DUTY = {
  duty: { rotations: [{ name: '值班', community: '幸福社区', shifts: ['full'], people: ['张伟'], every: 'day', start: '2026-11-01', days: ['workday', 'restday', 'holiday'] }] },
};

/**
 * The demo office (幸福社区) for the incident desk: 张伟 on duty, 黄磊 of the street emergency office (`huanglei`), and a phone
 * in the roster for the resident 钱大爷.
 */
export async function startIncidentOffice(now: string, options: TestAppOptions = {}): Promise<TestApp> {
  const bot = await startTestApp({ demo: true, now, ...options, policy: { ...ZHANG_ON_DUTY, ...options.policy } });
  await bot.app.db.person.updateMany({ where: { name: '钱大爷' }, data: { phone: '13912345678' } });
  return bot;
}

/** The bot's messages in a chat, text only, after a message id (or all). */
export async function botTexts(bot: TestApp, chatId: string, after?: string): Promise<string[]> {
  const list = await bot.messages(chatId);
  const start = after ? list.findIndex((m) => m.id === after) + 1 : 0;
  return list.slice(start).filter((m) => m.userId === 'bot').map((m) => m.text);
}

/** Moves the office clock to `time` (office time), runs the jobs due and lets their messages go out. */
export async function moveTo(bot: TestApp, time: string): Promise<void> {
  bot.clock.set(new Date(`${time}+08:00`), { frozen: true });
  await bot.app.scheduler.tick();
  await bot.app.delivery.drain();
}
