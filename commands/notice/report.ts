import fs from 'node:fs';
import { DateTime } from 'luxon';
import ExcelJS from 'exceljs';
import { communityOption, UsageError, withDatabase } from '../../src/cli/context.ts';
import type { Policy } from '../../src/config/policy.ts';
import { MONTHLY_LEDGER_OPTIONS, type ReportSpec } from '../../src/core/family.ts';
import type { Tx } from '../../src/db/client.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { textOf, type KeysUnder } from '../../src/i18n/value-text.ts';
import { CHAT_PURPOSE_TEXT } from '../../src/core/chat-purpose.ts';
import { DELIVERY_STATE_TEXT, NOTICE_STATUS_TEXT, PLATFORM_TEXT } from './format.ts';
import { formatDateTime } from '../../src/time/office-time.ts';
import { tally } from './progress.ts';

/** `shequ report notices --month YYYY-MM [--community 社区] --format xlsx|json [--out file]`: every notice of the month and every group's state. */

interface DeliveryRow {
  group: string;
  platform: string;
  purpose: string;
  state: string;
  error: string | null;
  attempts: number;
  sentAt: string | null;
  recalledAt: string | null;
  confirmations: number;
}

export interface NoticeLedgerRow {
  id: number;
  community: string;
  category: string;
  title: string;
  body: string;
  publisher: string;
  audience: string;
  source: string;
  status: string;
  createdAt: string;
  sendAt: string | null;
  finishedAt: string | null;
  groups: number;
  sent: number;
  failed: number;
  gone: number;
  recalled: number;
  confirmations: number;
  deliveries: DeliveryRow[];
}

export async function loadNoticeLedger(tx: Tx, policy: Policy, t: Translate, month: string, communityId: number | null): Promise<NoticeLedgerRow[]> {
  const zone = policy.timezone;
  const start = DateTime.fromISO(`${month}-01`, { zone });
  const when = (at: Date | null) => (at ? formatDateTime(at, zone) : null);
  const notices = await tx.notice.findMany({
    where: { createdAt: { gte: start.toJSDate(), lt: start.plus({ months: 1 }).toJSDate() }, status: { not: 'draft' }, ...(communityId !== null ? { communityId } : {}) },
    orderBy: { id: 'asc' },
  });
  const communities = new Map((await tx.community.findMany()).map((c) => [c.id, c.name]));
  const rows: NoticeLedgerRow[] = [];
  for (const notice of notices) {
    const deliveries = await tx.noticeDelivery.findMany({ where: { noticeId: notice.id }, orderBy: { id: 'asc' } });
    const acks = await tx.noticeConfirmation.groupBy({ by: ['deliveryId'], where: { noticeId: notice.id }, _count: { _all: true } });
    const confirmed = new Map(acks.map((a) => [a.deliveryId, a._count._all]));
    const counts = tally(deliveries);
    rows.push({
      id: notice.id,
      community: notice.communityId !== null ? (communities.get(notice.communityId) ?? '') : t('notice.audience.street'),
      category: notice.category,
      title: notice.title,
      body: notice.body,
      publisher: notice.publisherName,
      audience: notice.audienceLabel,
      source: notice.source,
      status: textOf(t, NOTICE_STATUS_TEXT, notice.status),
      createdAt: when(notice.createdAt)!,
      sendAt: when(notice.sendAt),
      finishedAt: when(notice.finishedAt),
      groups: counts.total,
      sent: counts.sent + counts.recalled + counts.unrecalled,
      failed: counts.failed,
      gone: counts.gone + counts.unreachable,
      recalled: counts.recalled,
      confirmations: [...confirmed.values()].reduce((a, b) => a + b, 0),
      deliveries: deliveries.map((d) => ({
        group: d.title ?? d.platformChatId,
        platform: textOf(t, PLATFORM_TEXT, d.platform),
        purpose: textOf(t, CHAT_PURPOSE_TEXT, d.purpose),
        state: textOf(t, DELIVERY_STATE_TEXT, d.status),
        error: d.error,
        attempts: d.attempts,
        sentAt: when(d.sentAt),
        recalledAt: when(d.recalledAt),
        confirmations: confirmed.get(d.id) ?? 0,
      })),
    });
  }
  return rows;
}

function workbook(t: Translate, rows: NoticeLedgerRow[]): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const col = (key: KeysUnder<'notice.col.'>, width: number) => ({ header: t(`notice.col.${key}`), key, width });
  const notices = book.addWorksheet(t('notice.sheet.notices'));
  notices.columns = [col('id', 6), col('community', 12), col('category', 10), col('title', 24), col('body', 40), col('publisher', 8), col('audience', 10), col('status', 8), col('createdAt', 17), col('sendAt', 17), col('finishedAt', 17), col('groups', 6), col('sent', 6), col('failed', 6), col('gone', 6), col('recalled', 6), col('confirmations', 6)];
  for (const row of rows) notices.addRow(row);
  const groups = book.addWorksheet(t('notice.sheet.deliveries'));
  groups.columns = [col('id', 6), col('title', 24), col('group', 20), col('platform', 8), col('purpose', 8), col('state', 14), col('error', 40), col('attempts', 6), col('sentAt', 17), col('recalledAt', 17), col('confirmations', 6)];
  for (const row of rows) for (const d of row.deliveries) groups.addRow({ id: row.id, title: row.title, ...d });
  return book;
}

async function reportAction(options: { month: string; community?: string; format: string; out?: string }, { env, policy, t }: Parameters<ReportSpec['run']>[1]): Promise<void> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) throw new UsageError(`--month 应为 YYYY-MM (must be YYYY-MM): ${options.month}`);
  if (options.format !== 'json' && options.format !== 'xlsx') throw new UsageError(`--format 应为 xlsx 或 json (must be xlsx or json): ${options.format}`);
  const rows = await withDatabase(env, (db) => db.$transaction(async (tx) => loadNoticeLedger(tx, policy, t, options.month, await communityOption(tx, options.community))));
  if (options.format === 'json') {
    const text = `${JSON.stringify({ month: options.month, notices: rows }, null, 2)}\n`;
    if (options.out) fs.writeFileSync(options.out, text);
    else process.stdout.write(text);
  } else {
    const out = options.out ?? `通知台账-${options.community ?? '全部社区'}-${options.month}.xlsx`;
    await workbook(t, rows).xlsx.writeFile(out);
    process.stdout.write(`已导出 ${options.month} 通知 ${rows.length} 条：${out}\n`);
  }
}

export const noticeReport: ReportSpec = {
  name: 'notices',
  description: '通知台账：每条通知的分类、发布人、发往、状态，以及每个群的送达情况（已发送、失败原因、机器人已被移出、已撤回）和收到人数 (the notice ledger, group by group)',
  options: MONTHLY_LEDGER_OPTIONS,
  run: (options, context) => reportAction(options as Parameters<typeof reportAction>[0], context),
};
