import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, ROOT } from './import-graph.ts';

/**
 * One outbox: a command or a job adds what it sends to the outbox it is handed, and whoever owns the
 * transaction writes it (src/messaging/outbox.ts). The lease and the states of an unsent row are the
 * messaging layer's alone: taking a message back, rewriting it or moving it to a new chat id is a
 * function of the outbox module, not a query written again elsewhere.
 */

const LEASE = /lockedUntil|nextAttemptAt|attempts|'pending'|'sending'|"pending"|"sending"/;

/** The argument text of every Prisma call on the outbox table, and every raw statement naming it. */
function outboxStatements(text: string): string[] {
  const statements: string[] = [];
  for (const call of text.matchAll(/\boutboxMessage\.\w+\(/g)) {
    let depth = 0;
    let end = call.index + call[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    statements.push(text.slice(call.index, end + 1));
  }
  for (const raw of text.matchAll(/"OutboxMessage"/g)) {
    const start = text.lastIndexOf('`', raw.index);
    const end = text.indexOf('`', raw.index);
    statements.push(text.slice(start, end + 1));
  }
  return statements;
}

const outsideMessaging = [...importGraph().keys()].filter((file) => !file.startsWith('src/messaging/'));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('the outbox', () => {
  it('is read statement by statement, so the check below can fail', () => {
    const recall = `await tx.outboxMessage.updateMany({ where: { id, status: 'pending', OR: [{ lockedUntil: null }] }, data: { status: 'cancelled' } });`;
    expect(outboxStatements(recall).filter((s) => LEASE.test(s))).toHaveLength(1);
    expect(outboxStatements('sql`UPDATE "OutboxMessage" SET "lockedUntil" = NULL`').filter((s) => LEASE.test(s))).toHaveLength(1);
    expect(outboxStatements(`tx.approvalStep.findMany({ where: { status: 'pending' } }); tx.outboxMessage.findMany({ where: { subject } })`).filter((s) => LEASE.test(s))).toEqual([]);
  });

  it('has its lease and its unsent states named in the messaging layer only', () => {
    const named = outsideMessaging.flatMap((file) => outboxStatements(read(file)).filter((s) => LEASE.test(s)).map((s) => `${file}: ${s.slice(0, 120)}`));
    expect(named).toEqual([]);
  });

  it('is written by the owners of transactions only: a family adds to the outbox it is handed', () => {
    const writers = outsideMessaging.filter((file) => file.startsWith('commands/') && /\benqueue\(|new Outbox\(/.test(read(file)));
    expect(writers).toEqual([]);
  });
});
