import { issueBindCode, BindCodeError } from '../core/bind-codes.ts';
import { formatDateTime } from '../time/office-time.ts';
import { cliConfig, UsageError, withDatabase } from './context.ts';

export async function bindCodeAction(name: string, options: { community?: string; json?: boolean }): Promise<void> {
  const { env, policy } = cliConfig();
  try {
    const issued = await withDatabase(env, (db) => issueBindCode(db, name, options.community, new Date(), policy.binding.codeTtlHours));
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ code: issued.code, expiresAt: issued.expiresAt.toISOString(), person: issued.person })}\n`);
      return;
    }
    process.stdout.write(
      `${issued.person.name}（${issued.person.community ?? ''}）的绑定码：${issued.code}\n` +
        `有效期至 ${formatDateTime(issued.expiresAt, policy.timezone)}，只能用一次。请本人向社区助手发送：绑定 ${issued.code}\n`,
    );
  } catch (error) {
    if (error instanceof BindCodeError) throw new UsageError(error.message);
    throw error;
  }
}
