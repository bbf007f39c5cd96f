import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const APP_ID = 'cli_a1b2c3d4e5f60718';
export const APP_SECRET = 'fake-secret';
export const BOT_OPEN_ID = 'ou_bot0000000000000000000000000000';

export interface RecordedCall {
  /** When the fake received it (Date.now()). */
  at: number;
  method: string;
  path: string;
  query: URLSearchParams;
  token: string | null;
  body: any;
}

export interface SentMessage {
  messageId: string;
  chatId: string;
  msgType: string;
  content: any;
  replyTo?: string;
  uuid?: string;
}

export interface ScriptedAnswer {
  status: number;
  body: object;
  headers?: Record<string, string>;
}

/**
 * A small Lark Open API on loopback: tenant tokens, bot info, send, reply, card update and recall, with
 * the behaviours the adapter must cope with (revoked tokens, 429, 200 with a non-zero code).
 */
export class FakeLark {
  readonly calls: RecordedCall[] = [];
  readonly messages: SentMessage[] = [];
  readonly cardUpdates: { messageId: string; card: any }[] = [];
  /** Messages the bot recalled, by message id. */
  readonly recalled: string[] = [];
  private readonly validTokens = new Set<string>();
  private readonly scripted: { match: (call: RecordedCall) => boolean; answer: ScriptedAnswer }[] = [];
  private tokensIssued = 0;
  private nextMessage = 1;
  private server: http.Server | null = null;
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => this.handle(req, raw, res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server?.closeAllConnections();
  }

  /** Answers the next call that matches with this, once, instead of the normal answer. */
  script(match: (call: RecordedCall) => boolean, answer: ScriptedAnswer): void {
    this.scripted.push({ match, answer });
  }

  /** Lark revokes every token it issued so far (the adapter's cached one included). */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  tokenRequests(): number {
    return this.calls.filter((c) => c.path === '/open-apis/auth/v3/tenant_access_token/internal').length;
  }

  private handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const auth = req.headers.authorization;
    const call: RecordedCall = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      token: auth?.startsWith('Bearer ') ? auth.slice(7) : null,
      body: raw ? JSON.parse(raw) : null,
    };
    this.calls.push(call);
    const send = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };

    if (call.path === '/open-apis/auth/v3/tenant_access_token/internal') {
      if (call.body?.app_id !== APP_ID || call.body?.app_secret !== APP_SECRET) return send(200, { code: 10014, msg: 'app secret invalid' });
      const token = `t-${++this.tokensIssued}`;
      this.validTokens.add(token);
      return send(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    }
    if (!call.token || !this.validTokens.has(call.token)) {
      return send(400, { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' });
    }
    const scriptedIndex = this.scripted.findIndex((s) => s.match(call));
    if (scriptedIndex >= 0) {
      const { answer } = this.scripted.splice(scriptedIndex, 1)[0]!;
      return send(answer.status, answer.body, answer.headers);
    }

    if (call.method === 'GET' && call.path === '/open-apis/bot/v3/info') {
      return send(200, { code: 0, msg: 'ok', bot: { open_id: BOT_OPEN_ID, app_name: '社区助手', activate_status: 2 } });
    }
    const reply = call.path.match(/^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/);
    if (call.method === 'POST' && (call.path === '/open-apis/im/v1/messages' || reply)) {
      const replyTo = reply?.[1];
      const chatId = replyTo ? this.messages.find((m) => m.messageId === replyTo)?.chatId ?? 'oc_unknown' : call.body.receive_id;
      if (!replyTo) {
        // Lark takes a chat (oc_) as chat_id and a person (ou_, their private chat with the bot) as open_id, nothing else.
        const type = call.query.get('receive_id_type');
        const prefix = type === 'chat_id' ? 'oc_' : type === 'open_id' ? 'ou_' : null;
        if (!prefix) return send(400, { code: 230001, msg: 'invalid receive_id_type' });
        if (!String(call.body.receive_id).startsWith(prefix)) return send(400, { code: 230001, msg: `invalid receive_id for ${type}` });
      }
      // Lark's request de-duplication: the same uuid is the same message.
      const earlier = call.body.uuid ? this.messages.find((m) => m.uuid === call.body.uuid) : undefined;
      const message: SentMessage = earlier ?? {
        messageId: `om_${this.nextMessage++}`,
        chatId,
        msgType: call.body.msg_type,
        content: JSON.parse(call.body.content),
        ...(replyTo ? { replyTo } : {}),
        ...(call.body.uuid ? { uuid: call.body.uuid } : {}),
      };
      if (!earlier) this.messages.push(message);
      return send(200, { code: 0, msg: 'success', data: { message_id: message.messageId, chat_id: chatId, msg_type: message.msgType } });
    }
    const patch = call.path.match(/^\/open-apis\/im\/v1\/messages\/([^/]+)$/);
    if (call.method === 'PATCH' && patch) {
      const target = this.messages.find((m) => m.messageId === patch[1]);
      if (!target || target.msgType !== 'interactive') return send(400, { code: 230031, msg: 'message is not a card' });
      const card = JSON.parse(call.body.content);
      target.content = card;
      this.cardUpdates.push({ messageId: target.messageId, card });
      return send(200, { code: 0, msg: 'success' });
    }
    if (call.method === 'DELETE' && patch) {
      const target = this.messages.find((m) => m.messageId === patch[1]);
      if (!target) return send(400, { code: 230001, msg: 'invalid message_id' });
      if (this.recalled.includes(target.messageId)) return send(400, { code: 230110, msg: 'Action unavailable as the message has been deleted.' });
      this.recalled.push(target.messageId);
      return send(200, { code: 0, msg: 'success', data: {} });
    }
    return send(404, { code: 404, msg: `no such API: ${call.method} ${call.path}` });
  }
}

/** The text Lark would show for a sent message: text content, or a card's text blocks on one line. */
export function shownText(message: SentMessage): string {
  if (message.msgType === 'text') return message.content.text;
  return message.content.elements
    .filter((e: any) => e.tag === 'div')
    .map((e: any) => e.text.content)
    .join(' ');
}
