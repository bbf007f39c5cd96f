import { z } from 'zod';
import { argsFromSchema, defineCommand, TRIGGER } from '../../src/core/command.ts';
import { BindGuard, type BindLock } from '../../src/core/bind-guard.ts';
import { bindAccount } from '../../src/core/identity.ts';
import { roleName } from '../../src/approval/workflow.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { formatClock, formatDateTime, officeDate } from '../../src/time/office-time.ts';

/** Why no code is taken now, and from which whole minute it is again: the time alone today, with the date later. */
function lockText(t: Translate, lock: BindLock, now: Date, zone: string): string {
  const from = new Date(Math.ceil(lock.until.getTime() / 60_000) * 60_000);
  const until = officeDate(from, zone) === officeDate(now, zone) ? formatClock(from, zone) : formatDateTime(from, zone);
  return t(`bind.locked.${lock.scope}`, { until });
}

/** 绑定 <code>: the sending account becomes the person the one-time code was issued for. */
const bindArgs = z.object({ code: z.string().regex(/^\d{8}$/) });

export const bindCommand = defineCommand({
  id: 'bind',
  names: ['绑定', 'bind', '/bind'],
  summary: 'cmd.bind.summary',
  example: 'cmd.bind.example',
  allowedRoles: 'anyone',
  trigger: TRIGGER.bare,
  args: bindArgs,
  parse(rest) {
    const code = rest.replace(/[\s-]/g, '');
    return argsFromSchema(bindArgs, { code: code || undefined }, {
      ask: { code: { key: 'bind.askCode' } },
      expects: { code: { kind: 'pattern', source: '\\d{4}[\\s-]?\\d{4}' } },
      invalid: { code: { key: 'bind.badCode' } },
    });
  },
  async handle({ tx, now, message, sender, t, reply, policy }, { code }) {
    if (sender) {
      const row = await tx.bindCode.findUnique({ where: { code } });
      reply(t(row?.personId === sender.personId ? 'bind.alreadyYou' : 'bind.alreadyOther', { name: sender.name }));
      return;
    }
    // Wrong codes lock the account, the group and the platform for a while: while locked, no code is looked at.
    const guard = await BindGuard.open(tx, policy.limits.bind, message, now);
    const locked = guard.lock();
    if (locked) {
      reply(lockText(t, locked, now, policy.timezone));
      return;
    }
    // Compare-and-set on the code: of two accounts racing for one code, only one wins it.
    const used = await tx.bindCode.updateMany({ where: { code, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (used.count === 0) {
      const lock = await guard.wrongCode();
      reply(lock ? `${t('bind.invalidCode')}\n${lockText(t, lock, now, policy.timezone)}` : t('bind.invalidCode'));
      return;
    }
    const { personId } = await tx.bindCode.findUniqueOrThrow({ where: { code } });
    const boundTo = await bindAccount(tx, { personId, platform: message.platform, platformUserId: message.senderId, displayName: message.senderName ?? null });
    const person = await tx.person.findUniqueOrThrow({ where: { id: boundTo }, include: { roles: true, community: true, street: true } });
    reply(
      t('bind.done', {
        name: person.name,
        community: person.community?.name ?? person.street?.name ?? '',
        roles: person.roles.map((r) => roleName(t, r.role)).join('、'),
      }),
    );
  },
});
