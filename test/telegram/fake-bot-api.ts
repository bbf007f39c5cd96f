import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call as the fake received it. */
export interface ApiCall {
  method: string;
  payload: Record<string, any>;
  /** When it arrived (Date.now()), for pacing checks. */
  at: number;
  /** The message the fake answered with, for sendMessage and editMessageText. */
  result?: any;
}

export interface ScriptedAnswer {
  status: number;
  body: unknown;
}

/** What Telegram answers when it refuses a call. */
export function refusal(status: number, description: string, parameters?: Record<string, unknown>): ScriptedAnswer {
  return { status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } };
}

/** Not an answer: the connection is dropped, as a network failure would. */
export const DROP_CONNECTION: ScriptedAnswer = { status: 0, body: null };

/**
 * A loopback stand-in for the Telegram Bot API (`apiRoot/bot<token>/<method>`): it answers what
 * telegraf calls, records every call, serves queued updates to getUpdates, and can be told to
 * refuse the next calls of a method.
 */
export class FakeBotApi {
  readonly token = '123456:TEST-fake-token';
  readonly me = { id: 999000, is_bot: true, first_name: '社区助手', username: 'shequ_test_bot' };
  readonly calls: ApiCall[] = [];
  /** The offset of each getUpdates call: asking for offset N acknowledges every update below N. */
  readonly offsets: number[] = [];
  private readonly scripted = new Map<string, ScriptedAnswer[]>();
  /** Per chat: sendMessage to it gets these answers first, in order (the last one for good when `always`). */
  private readonly chatScripted = new Map<string, { answers: ScriptedAnswer[]; always: boolean }>();
  private updates: Record<string, any>[] = [];
  private nextUpdateId = 1;
  private readonly messageIds = new Map<string, number>();
  private readonly waiting = new Set<() => void>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeBotApi> {
    let fake: FakeBotApi | null = null;
    const server = http.createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeBotApi(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next calls of `method` get these answers, in order, instead of the normal one. */
  refuseNext(method: string, ...answers: ScriptedAnswer[]): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...answers]);
  }

  /**
   * sendMessage to `chatId` gets these answers, in order, instead of the normal one (a 429 for one
   * chat while the others go on); with `always`, the last answer stays (a bot removed from a group).
   */
  refuseChat(chatId: number | string, answers: ScriptedAnswer[], options: { always?: boolean } = {}): void {
    this.chatScripted.set(String(chatId), { answers: [...answers], always: options.always ?? false });
  }

  /** Queues an update for getUpdates and returns it with its update_id. */
  queueUpdate(update: Record<string, any>): Record<string, any> {
    const full = { update_id: this.nextUpdateId++, ...update };
    this.updates.push(full);
    for (const wake of this.waiting) wake();
    return full;
  }

  /** A fresh update id, for updates posted to a webhook. */
  takeUpdateId(): number {
    return this.nextUpdateId++;
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits (bounded) until a call of `method` matches, and returns it. */
  async waitForCall(method: string, match: (call: ApiCall) => boolean = () => true, timeoutMs = 10_000): Promise<ApiCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.callsOf(method).find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`no ${method} call matched; calls were:\n${this.calls.map((c) => `${c.method} ${JSON.stringify(c.payload)}`).join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const payload = text ? (JSON.parse(text) as Record<string, any>) : {};
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const answer = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!match || match[1] !== this.token) return answer(401, refusal(401, 'Unauthorized').body);
    const method = match[2]!;
    const call: ApiCall = { method, payload, at: Date.now() };
    this.calls.push(call);

    const scripted = this.scripted.get(method)?.shift() ?? (method === 'sendMessage' ? this.chatAnswer(String(payload.chat_id)) : undefined);
    if (scripted === DROP_CONNECTION) return void res.destroy();
    if (scripted) return answer(scripted.status, scripted.body);
    if (method === 'getUpdates') return answer(200, { ok: true, result: await this.getUpdates(payload, res) });
    const result = this.result(method, payload);
    if (result === undefined) return answer(404, refusal(404, 'Not Found: method not found').body);
    call.result = result;
    answer(200, { ok: true, result });
  }

  private chatAnswer(chatId: string): ScriptedAnswer | undefined {
    const script = this.chatScripted.get(chatId);
    if (!script || script.answers.length === 0) return undefined;
    return script.always && script.answers.length === 1 ? script.answers[0] : script.answers.shift();
  }

  private result(method: string, payload: Record<string, any>): unknown {
    switch (method) {
      case 'getMe':
        return this.me;
      case 'setWebhook':
      case 'deleteWebhook':
      case 'answerCallbackQuery':
      case 'deleteMessage':
        return true;
      case 'sendMessage': {
        const chatId = String(payload.chat_id);
        const id = (this.messageIds.get(chatId) ?? 100) + 1;
        this.messageIds.set(chatId, id);
        return this.message(id, payload);
      }
      case 'editMessageText':
        return this.message(Number(payload.message_id), payload);
      default:
        return undefined;
    }
  }

  private message(id: number, payload: Record<string, any>) {
    const chatId = Number(payload.chat_id);
    return {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: chatId < 0 ? { id: chatId, type: 'supergroup', title: 'group' } : { id: chatId, type: 'private', first_name: 'user' },
      from: this.me,
      text: payload.text,
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
    };
  }

  /** Long polling: drops what the offset acknowledges, answers at once if anything is left, else waits a little. */
  private async getUpdates(payload: Record<string, any>, res: http.ServerResponse): Promise<unknown[]> {
    const offset = Number(payload.offset ?? 0);
    this.offsets.push(offset);
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    if (this.updates.length === 0 && Number(payload.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 300);
        this.waiting.add(wake);
        res.on('close', wake);
      });
    }
    return this.updates.slice(0, Number(payload.limit ?? 100));
  }
}
