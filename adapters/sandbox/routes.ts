import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { MAX_INBOUND_TEXT, repairName, repairText } from '../../src/messaging/inbound-text.ts';
import type { SharedLocation } from '../../src/messaging/types.ts';
import { isPrivateChat, SandboxIdTaken, type StoredFile } from '../../src/sandbox/store.ts';
import type { Translate } from '../../src/i18n/index.ts';
import type { Clock, SettableClock } from '../../src/time/clock.ts';
import { parseOfficeTime } from '../../src/time/office-time.ts';
import { sandboxAccess } from './access.ts';
import type { SandboxAdapter } from './adapter.ts';

const asset = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), name), 'utf8');
/** The page, its script and its styles: separate files, so the page's CSP allows no inline script or style. */
const PAGE = asset('page.html');
const SCRIPT = asset('page.js');
const STYLE = asset('page.css');

/** A file sent as a data URL is kept by the sandbox up to this size (decoded), at most MAX_FILES a message. */
export const MAX_FILE_BYTES = 1_048_576;
const MAX_FILES = 4;
/** Room for MAX_FILES files in base64 and a text well past MAX_INBOUND_TEXT (longer texts are cut, not refused). */
const MESSAGE_BODY_LIMIT = 8 * 1_048_576;
/** Served inline (shown by the page); anything else is a download, so no stored file runs as a page. */
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp)$/;
const MIME = /^[\w.+-]+\/[\w.+-]+$/;
const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*);base64,([A-Za-z0-9+/=\s]*)$/;

/** Ids are stored and looked up as given: valid Unicode without control characters, or the request is malformed. */
const identifier = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((v) => v.isWellFormed() && !/[\u0000-\u001F\u007F-\u009F]/.test(v), 'must be valid Unicode without control characters');

const attachmentInput = z
  .object({
    kind: z.enum(['image', 'file', 'audio', 'video']),
    url: z.string().max(2_000).regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL').optional(),
    data: z.string().optional(),
    name: z.string().max(500).optional(),
    mime: z.string().max(100).regex(MIME, 'must be a media type such as image/jpeg').optional(),
  })
  .refine((a) => (a.url === undefined) !== (a.data === undefined), 'give either url or data');

const locationInput = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(500).optional(),
  address: z.string().max(1_000).optional(),
});

const postMessage = z.object({
  chatId: identifier(200),
  userId: identifier(100).refine((v) => v !== 'bot', 'userId "bot" is the bot itself'),
  text: z.string().default(''),
  replyTo: identifier(200).optional(),
  id: identifier(200).optional(),
  attachments: z.array(attachmentInput).max(MAX_FILES).optional(),
  location: locationInput.optional(),
});
const listMessages = z.object({ chatId: identifier(200), after: identifier(200).optional() });
const pressButton = z.object({ messageId: identifier(200), userId: identifier(100), value: z.string().min(1).max(MAX_INBOUND_TEXT) });
const fileParams = z.object({ messageId: identifier(200), index: z.coerce.number().int().min(0).max(MAX_FILES - 1) });
const setClock = z.object({ now: z.iso.datetime({ offset: true, local: true }), frozen: z.boolean().optional() });

function badRequest(reply: FastifyReply, error: string) {
  return reply.code(400).send({ error });
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | null {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  void badRequest(reply, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return null;
}

/** A file as the sandbox keeps it, or why it cannot: a data URL is decoded and size-checked here. */
function storedFile(input: z.infer<typeof attachmentInput>, index: number): StoredFile | string {
  const name = input.name ? repairName(input.name) : '';
  const described = { kind: input.kind, ...(name ? { name } : {}) };
  if (input.url) return { ...described, url: input.url, ...(input.mime ? { mime: input.mime } : {}) };
  const match = DATA_URL.exec(input.data ?? '');
  if (!match) return `attachments.${index}.data: must be a base64 data URL (data:image/jpeg;base64,...)`;
  const bytes = Buffer.from(match[3]!, 'base64');
  if (bytes.length > MAX_FILE_BYTES) return `attachments.${index}.data: ${bytes.length} bytes, more than the sandbox keeps (${MAX_FILE_BYTES})`;
  const mime = input.mime ?? (MIME.test(match[1]!) ? match[1]!.toLowerCase() : 'application/octet-stream');
  return { ...described, mime, size: bytes.length, base64: bytes.toString('base64') };
}

function sharedLocation(input: z.infer<typeof locationInput>): SharedLocation {
  const name = input.name ? repairName(input.name) : '';
  const address = input.address ? repairName(input.address) : '';
  return { latitude: input.latitude, longitude: input.longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
}

export interface SandboxRouteOptions {
  /** The bot's clock, as GET /sandbox/api/clock shows it. */
  clock: Clock;
  /** The clock POST /sandbox/api/clock moves; null beside a real platform, where time is the system's. */
  movableClock: SettableClock | null;
  timezone: string;
  /** SANDBOX_TOKEN: when set, the page and every API call need it (access.ts). */
  token?: string;
  t: Translate;
}

/** The sandbox page and the HTTP API that scripts and tests use (documented in the README). */
export function registerSandboxRoutes(server: FastifyInstance, adapter: SandboxAdapter, options: SandboxRouteOptions): void {
  server.get('/', (_req, reply) => reply.redirect('/sandbox'));
  // A scope of their own: the door (access.ts) stands before the sandbox's routes only, not the webhooks.
  void server.register(async (scope) => {
    scope.addHook('onRequest', sandboxAccess(options.token, options.t));
    sandboxRoutes(scope, adapter, options);
  });
}

function sandboxRoutes(server: FastifyInstance, adapter: SandboxAdapter, { clock, movableClock, timezone, t }: SandboxRouteOptions): void {
  const store = adapter.store;
  server.get('/sandbox', (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  server.get('/sandbox/page.js', (_req, reply) => reply.type('text/javascript; charset=utf-8').send(SCRIPT));
  server.get('/sandbox/page.css', (_req, reply) => reply.type('text/css; charset=utf-8').send(STYLE));

  server.post('/sandbox/api/messages', { bodyLimit: MESSAGE_BODY_LIMIT }, async (req, reply) => {
    const body = parseBody(postMessage, req.body, reply);
    if (!body) return reply;
    if (isPrivateChat(body.chatId) && body.chatId !== `dm:${body.userId}`) {
      return badRequest(reply, `chatId ${body.chatId} is the private chat of another user; ${body.userId} writes in dm:${body.userId}`);
    }
    if (body.replyTo && !(await store.find(body.replyTo))) return badRequest(reply, `replyTo: no message ${body.replyTo}`);
    const attachments: StoredFile[] = [];
    for (const [index, input] of (body.attachments ?? []).entries()) {
      const file = storedFile(input, index);
      if (typeof file === 'string') return badRequest(reply, file);
      attachments.push(file);
    }
    if (repairText(body.text) === '' && attachments.length === 0 && !body.location) {
      return badRequest(reply, 'text: the message is empty; give text, attachments or a location');
    }
    try {
      const { id } = await adapter.receive({
        chatId: body.chatId,
        userId: body.userId,
        text: body.text,
        ...(body.replyTo ? { replyTo: body.replyTo } : {}),
        ...(body.id ? { id: body.id } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
        ...(body.location ? { location: sharedLocation(body.location) } : {}),
      });
      return { id };
    } catch (error) {
      if (error instanceof SandboxIdTaken) return badRequest(reply, `id: ${error.message}`);
      throw error;
    }
  });

  server.get('/sandbox/api/files/:messageId/:index', async (req, reply) => {
    const params = parseBody(fileParams, req.params, reply);
    if (!params) return reply;
    const file = await store.file(params.messageId, params.index);
    if (!file) return reply.code(404).send({ error: `no file ${params.index} on message ${params.messageId}` });
    const inline = file.mime !== undefined && INLINE_IMAGE.test(file.mime);
    const filename = encodeURIComponent(file.name ?? `file-${params.index}`);
    return reply
      .header('content-type', inline ? file.mime! : 'application/octet-stream')
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${filename}`)
      .send(file.bytes);
  });

  server.get('/sandbox/api/messages', async (req, reply) => {
    const query = parseBody(listMessages, req.query, reply);
    if (!query) return reply;
    return { messages: await store.list(query.chatId, query.after) };
  });

  server.post('/sandbox/api/buttons', async (req, reply) => {
    const body = parseBody(pressButton, req.body, reply);
    if (!body) return reply;
    const message = await store.find(body.messageId);
    if (!message) return badRequest(reply, `messageId: no message ${body.messageId}`);
    if (!message.buttons?.some((b) => b.value === body.value)) return badRequest(reply, `value: message ${body.messageId} has no such button`);
    // One press per person and button: pressing again is a redelivery.
    const { id } = await adapter.receive({
      chatId: message.chatId,
      userId: body.userId,
      text: body.value,
      replyTo: message.id,
      id: `button:${message.id}:${body.userId}:${body.value}`,
      isButton: true,
    });
    return { id };
  });

  server.get('/sandbox/api/clock', async () => ({ now: clock.now().toISOString(), timezone }));
  server.post('/sandbox/api/clock', async (req, reply) => {
    // Beside a real platform a moved clock would send notices early and expire approvals and codes there.
    if (!movableClock) return reply.code(403).send({ error: t('sandbox.clockFixed') });
    const body = parseBody(setClock, req.body, reply);
    if (!body) return reply;
    // A time without an offset is office time.
    const at = parseOfficeTime(body.now, timezone);
    if (!at) return badRequest(reply, `now: not a time: ${body.now}`);
    movableClock.set(at, { frozen: body.frozen ?? false });
    await store.saveClock(at, body.frozen ?? false);
    return { now: movableClock.now().toISOString(), timezone };
  });

  server.get('/sandbox/api/users', async () => ({ users: await store.users() }));
  server.get('/sandbox/api/chats', async () => ({ chats: await store.groups() }));
}
