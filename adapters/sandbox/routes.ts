import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SettableClock } from '../../src/time/clock.ts';
import { parseOfficeTime } from '../../src/time/office-time.ts';
import type { SandboxAdapter } from './adapter.ts';
import { isPrivateChat } from './store.ts';

const PAGE = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.html'), 'utf8');

const postMessage = z.object({
  chatId: z.string().min(1).max(200),
  userId: z.string().min(1).max(100).refine((v) => v !== 'bot', 'userId "bot" is the bot itself'),
  text: z.string().min(1).max(4000),
  replyTo: z.string().min(1).optional(),
  id: z.string().min(1).max(200).optional(),
});
const listMessages = z.object({ chatId: z.string().min(1), after: z.string().optional() });
const pressButton = z.object({ messageId: z.string().min(1), userId: z.string().min(1), value: z.string().min(1) });
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

/** The sandbox page and the HTTP API that scripts and tests use (documented in the README). */
export function registerSandboxRoutes(server: FastifyInstance, adapter: SandboxAdapter, clock: SettableClock, timezone: string): void {
  const store = adapter.store;
  server.get('/', (_req, reply) => reply.redirect('/sandbox'));
  server.get('/sandbox', (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));

  server.post('/sandbox/api/messages', async (req, reply) => {
    const body = parseBody(postMessage, req.body, reply);
    if (!body) return reply;
    if (isPrivateChat(body.chatId) && body.chatId !== `dm:${body.userId}`) {
      return badRequest(reply, `chatId ${body.chatId} is the private chat of another user; ${body.userId} writes in dm:${body.userId}`);
    }
    if (body.replyTo && !(await store.find(body.replyTo))) return badRequest(reply, `replyTo: no message ${body.replyTo}`);
    const { id } = await adapter.receive(body);
    return { id };
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
    const body = parseBody(setClock, req.body, reply);
    if (!body) return reply;
    // A time without an offset is office time.
    const at = parseOfficeTime(body.now, timezone);
    if (!at) return badRequest(reply, `now: not a time: ${body.now}`);
    clock.set(at, { frozen: body.frozen ?? false });
    return { now: clock.now().toISOString(), timezone };
  });

  server.get('/sandbox/api/users', async () => ({ users: await store.users() }));
  server.get('/sandbox/api/chats', async () => ({ chats: await store.groups() }));
}
