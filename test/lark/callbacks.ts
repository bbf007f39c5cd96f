import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';

export const ENCRYPT_KEY = 'test-encrypt-key-0123456789';
export const VERIFICATION_TOKEN = 'test-verification-token';

/** What Lark does with an Encrypt Key: AES-256-CBC, key sha256(encryptKey), IV in front, base64. */
export function encrypt(plain: string, key = ENCRYPT_KEY): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(key).digest(), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function sign(timestamp: string, nonce: string, raw: string, key = ENCRYPT_KEY): string {
  return createHash('sha256').update(timestamp + nonce + key + raw).digest('hex');
}

export interface PostOptions {
  /** Send the body encrypted (as Lark does once an Encrypt Key is set). Default true. */
  encrypted?: boolean;
  timestamp?: string;
  nonce?: string;
  /** Replace the correct signature. */
  signature?: string;
  /** Leave out the signature headers altogether. */
  unsigned?: boolean;
  /** Exact body bytes to send (e.g. a re-formatted JSON); signed as sent. */
  raw?: string;
}

export interface CallbackResult {
  status: number;
  body: any;
  /** How long the bot took to answer, in ms (reported, not asserted against a speed). */
  took: number;
  /** The headers sent, to replay the exact request. */
  request: { headers: Record<string, string>; raw: string };
}

export async function postRaw(url: string, headers: Record<string, string>, raw: string): Promise<CallbackResult> {
  const started = Date.now();
  const response = await fetch(url, { method: 'POST', headers, body: raw });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, took: Date.now() - started, request: { headers, raw } };
}

/** Posts a callback to the bot's webhook the way Lark does: signed over the exact bytes sent. */
export function postCallback(url: string, payload: object, options: PostOptions = {}): Promise<CallbackResult> {
  const plain = JSON.stringify(payload);
  const raw = options.raw ?? (options.encrypted === false ? plain : JSON.stringify({ encrypt: encrypt(plain) }));
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomUUID();
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (!options.unsigned) {
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = options.signature ?? sign(timestamp, nonce, raw);
  }
  return postRaw(url, headers, raw);
}

let sequence = 0;

function header(eventType: string, eventId: string, createTime: string) {
  return { event_id: eventId, token: VERIFICATION_TOKEN, create_time: createTime, event_type: eventType, tenant_key: 'tenant-1', app_id: 'cli_a1b2c3d4e5f60718' };
}

export interface MessageEventInput {
  eventId?: string;
  messageId?: string;
  chatId: string;
  chatType?: 'group' | 'p2p';
  from: string;
  text: string;
  mentions?: { key: string; openId: string; name: string }[];
  parentId?: string;
  /** When the message was sent (the office clock in tests is frozen; this drives the rules). */
  at: Date;
}

/** An `im.message.receive_v1` callback (schema 2.0) as Lark pushes it. */
export function messageEvent(input: MessageEventInput) {
  sequence += 1;
  const createTime = String(input.at.getTime());
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', input.eventId ?? `ev-${sequence}-${randomUUID()}`, createTime),
    event: {
      sender: { sender_id: { open_id: input.from, union_id: `on_${input.from}`, user_id: `u_${input.from}` }, sender_type: 'user', tenant_key: 'tenant-1' },
      message: {
        message_id: input.messageId ?? `om_in_${sequence}`,
        ...(input.parentId ? { root_id: input.parentId, parent_id: input.parentId } : {}),
        create_time: createTime,
        chat_id: input.chatId,
        chat_type: input.chatType ?? 'group',
        message_type: 'text',
        content: JSON.stringify({ text: input.text }),
        mentions: (input.mentions ?? []).map((m) => ({ key: m.key, id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: `u_${m.openId}` }, name: m.name, tenant_key: 'tenant-1' })),
      },
    },
  };
}

/** A `card.action.trigger` callback: someone pressed a button on a card the bot sent. */
export function cardActionEvent(input: { messageId: string; chatId: string; from: string; value: unknown; at: Date }) {
  sequence += 1;
  return {
    schema: '2.0',
    header: header('card.action.trigger', `card-ev-${sequence}-${randomUUID()}`, String(input.at.getTime())),
    event: {
      operator: { tenant_key: 'tenant-1', open_id: input.from, union_id: `on_${input.from}`, user_id: `u_${input.from}` },
      token: `c-${randomUUID()}`,
      action: { value: input.value, tag: 'button' },
      host: 'im_message',
      context: { open_message_id: input.messageId, open_chat_id: input.chatId },
    },
  };
}
