import { issueBindCode, BindCodeError } from '../core/bind-codes.ts';
import { phoneKey } from '../roster/identity.ts';
import { formatDateTime } from '../time/office-time.ts';
import { officeNow, UsageError, withDatabase, type CliConfig } from './context.ts';

export async function bindCodeAction(name: string, options: { community?: string; phone?: string; json?: boolean }, { env, policy }: CliConfig): Promise<void> {
  const key = options.phone === undefined ? undefined : phoneKey(options.phone);
  if (key === null) throw new UsageError(`--phone 应为手机号 (must be a mobile number): ${options.phone}`);
  const issued = await withDatabase(env, async (db) => {
    try {
      return await issueBindCode(db, name, options.community, await officeNow(env, db), policy.binding.codeTtlHours, key);
    } catch (error) {
      if (!(error instanceof BindCodeError)) throw error;
      if (key) throw new UsageError(`花名册里没有手机为 ${options.phone} 的${name}${options.community ? `（${options.community}）` : ''}。`);
      // Namesakes in one community: only the number tells them apart.
      const namesakes = await db.person.count({ where: { name, ...(options.community ? { community: { name: options.community } } : {}) } });
      throw new UsageError(namesakes > 1 ? `${error.message}同一社区有同名的人时，请用 --phone 指明手机号 (or --phone <mobile>)。` : error.message);
    }
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ code: issued.code, expiresAt: issued.expiresAt.toISOString(), person: issued.person })}\n`);
    return;
  }
  process.stdout.write(
    `${issued.person.name}（${issued.person.community ?? ''}）的绑定码：${issued.code}\n` +
      `有效期至 ${formatDateTime(issued.expiresAt, policy.timezone)}，只能用一次。请本人向社区助手发送：绑定 ${issued.code}\n`,
  );
}
