/** Settings whose values are secrets: never printed, and blanked out of whatever the bot prints or logs. */
export const SECRET_SETTINGS = [
  'LARK_APP_SECRET',
  'LARK_ENCRYPT_KEY',
  'LARK_VERIFICATION_TOKEN',
  'WECHATY_PUPPET_SERVICE_TOKEN',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'SANDBOX_TOKEN',
] as const;

const HIDDEN = '***';
/** The password of any URL (postgresql://user:password@host), whichever setting or library it came from. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:]*:)[^\s/@]+@/gi;
/** A Telegram token in a Bot API path (https://api.telegram.org/bot123:ABC/getMe), as request errors quote it. */
const BOT_API_PATH = /\/bot\d+:[\w-]+/g;

/** DATABASE_URL's password, as written and decoded, if it has one. */
function databasePassword(url: string | undefined): string[] {
  try {
    const password = url ? new URL(url).password : '';
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

/**
 * A function that blanks the settings' secrets out of a text: their values (as written and as JSON
 * writes them), any URL's password and a Telegram token in an API path.
 */
export function redactor(settings: Readonly<Record<string, unknown>>): (text: string) => string {
  const values = [...SECRET_SETTINGS.map((key) => settings[key]), ...databasePassword(settings.DATABASE_URL as string | undefined)].filter(
    (value): value is string => typeof value === 'string' && value.length >= 4,
  );
  // A log line is JSON, and a request body in it (the Lark SDK's) JSON inside JSON.
  const escaped = (value: string) => JSON.stringify(value).slice(1, -1);
  const forms = [...new Set(values.flatMap((value) => [value, escaped(value), escaped(escaped(value))]))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const form of forms) out = out.replaceAll(form, HIDDEN);
    return out.replace(URL_PASSWORD, `$1${HIDDEN}@`).replace(BOT_API_PATH, `/bot${HIDDEN}`);
  };
}
