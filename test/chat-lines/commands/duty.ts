import type { CommandLine } from '../types.ts';

const AT = '2026-11-23T09:00:00';
const line = (user: CommandLine['user'], chat: CommandLine['chat'], text: string, expect: CommandLine['expect']): CommandLine => ({ text, user, chat, at: AT, expect });
const show = (args: Record<string, unknown>) => ({ command: 'duty-show', args });
const days = (from: string, to = from) => show({ kind: 'days', from, to });
const swap = (args: Record<string, unknown>) => ({ command: 'duty-swap', args });
const cover = (args: Record<string, unknown>) => ({ command: 'duty-cover', args });

/** The duty roster as staff write it: 值班 and its periods, 我的值班, 换班, 代班, 接班, 交班. */
export const lines: CommandLine[] = [
  line('zhangwei', 'g-work', '值班', show({ kind: 'default', from: '2026-11-23', to: '2026-11-24' })),
  line('zhangwei', 'g-work', '值班！', show({ kind: 'default' })),
  line('zhangwei', 'g-work', '值班表', show({ kind: 'default' })),
  line('zhangwei', 'g-work', '值班 本周', days('2026-11-23', '2026-11-29')),
  line('zhangwei', 'g-work', '值班：本周', days('2026-11-23', '2026-11-29')),
  line('zhangwei', 'g-work', '值班 这周', days('2026-11-23', '2026-11-29')),
  line('zhangwei', 'g-work', '值班 下周', days('2026-11-30', '2026-12-06')),
  line('zhangwei', 'g-work', '值班 本月', days('2026-11-01', '2026-11-30')),
  line('zhangwei', 'g-work', '值班 12月', days('2026-12-01', '2026-12-31')),
  line('zhangwei', 'g-work', '值班 明天', days('2026-11-24')),
  line('zhangwei', 'g-work', '值班 12月5日', days('2026-12-05')),
  line('zhangwei', 'g-work', '值班 周五', days('2026-11-27')),
  line('zhangwei', 'g-work', '值班 国庆', show({ kind: 'holiday', name: '国庆' })),
  line('zhangwei', 'g-work', '值班 春节', show({ kind: 'holiday', name: '春节' })),
  line('zhangwei', 'g-work', '值班 过年', show({ kind: 'holiday', name: '春节' })),
  line('zhangwei', 'g-work', '值班 五一', show({ kind: 'holiday', name: '劳动节' })),
  line('zhangwei', 'g-work', '值班 元旦', show({ kind: 'holiday', name: '元旦' })),
  line('zhangwei', 'g-work', '@社区助手 值班 辛苦了', { command: 'duty-show', error: true }),
  line('liuyang', 'dm', '值班', show({ kind: 'default' })),
  line('liuyang', 'dm', '/duty', show({ kind: 'default' })),
  line('liuyang', 'dm', '值班 下周', days('2026-11-30', '2026-12-06')),
  line('qiandaye', 'g-work', '值班', { command: 'duty-show', error: true }),
  line('zhangwei', 'g-work', '我的值班', { command: 'duty-mine' }),
  line('liuyang', 'dm', '我的值班', { command: 'duty-mine' }),
  line('zhangwei', 'g-work', '换班 12月5日 和 刘洋', swap({ date: '2026-12-05', colleague: '刘洋', shift: null, otherDate: null })),
  line('zhangwei', 'g-work', '换班 12月5日 夜班 和 刘洋', swap({ date: '2026-12-05', colleague: '刘洋', shift: '夜班' })),
  line('zhangwei', 'g-work', '换班 12月5日 和 刘洋 12月8日', swap({ date: '2026-12-05', colleague: '刘洋', otherDate: '2026-12-08' })),
  line('zhangwei', 'g-work', '换班 明天 跟刘洋', swap({ date: '2026-11-24', colleague: '刘洋' })),
  line('zhangwei', 'g-work', '换班 周五 刘洋', swap({ date: '2026-11-27', colleague: '刘洋' })),
  line('zhangwei', 'g-work', '调班 12月5日 和 刘洋', swap({ date: '2026-12-05', colleague: '刘洋' })),
  line('zhangwei', 'dm', '换班 12.5 和 刘洋', swap({ date: '2026-12-05', colleague: '刘洋' })),
  line('zhangwei', 'g-work', '@社区助手 换班 12月5日', { command: 'duty-swap', prompt: true, args: { date: '2026-12-05' } }),
  line('zhangwei', 'dm', '换班', { command: 'duty-swap', prompt: true }),
  line('zhangwei', 'g-work', '代班 12月5日 刘洋', cover({ date: '2026-12-05', colleague: '刘洋', seatId: null })),
  line('zhangwei', 'g-work', '替班 12月5日 白班 刘洋', cover({ date: '2026-12-05', colleague: '刘洋', shift: '白班' })),
  line('wangfang', 'g-work', '代班 #12 陈静', cover({ seatId: 12, colleague: '陈静', date: null })),
  line('wangfang', 'dm', '代班 #12 陈静', cover({ seatId: 12, colleague: '陈静' })),
  line('zhangwei', 'g-work', '接班', { command: 'duty-take-over' }),
  line('zhangwei', 'g-work', '接班！', { command: 'duty-take-over' }),
  line('zhangwei', 'g-work', '值班签到', { command: 'duty-take-over' }),
  line('zhangwei', 'g-work', '交班 一切正常', { command: 'duty-hand-over', args: { note: '一切正常' } }),
  line('zhangwei', 'g-work', '交班', { command: 'duty-hand-over', args: { note: '' } }),
  line('zhangwei', 'g-work', '交班：一切正常，门窗已关', { command: 'duty-hand-over', args: { note: '一切正常，门窗已关' } }),
  line('liuyang', 'dm', '交班 夜里3号楼有人报修水管，已联系物业', { command: 'duty-hand-over', args: { note: '夜里3号楼有人报修水管，已联系物业' } }),
];
