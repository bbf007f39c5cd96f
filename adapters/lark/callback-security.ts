import { createHash, timingSafeEqual } from 'node:crypto';
import { AESCipher } from '@larksuiteoapi/node-sdk';

/** Lark's callback signature, computed over the bytes as they arrived (the SDK re-serializes JSON instead). */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey).update(rawBody).digest('hex');
}

/** AES-256-CBC with key sha256(encryptKey) and the IV in front of the base64 payload. */
export function decryptCallback(encrypted: string, encryptKey: string): string {
  return new AESCipher(encryptKey).decrypt(encrypted);
}

/** Remembers recent nonces so a captured callback cannot be replayed within the freshness window. */
export class NonceGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** True the first time a nonce is offered inside the window. */
  accept(nonce: string, now: number): boolean {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now + this.windowMs);
    return true;
  }
}

export interface SignedHeaders {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/** Signature over the raw body, then freshness, then the nonce (only a genuine request may use up a nonce). */
export function verifyCallback(headers: SignedHeaders, rawBody: Buffer, encryptKey: string, maxAgeMs: number, nonces: NonceGuard, now: number): Verdict {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'unsigned callback' };
  const expected = Buffer.from(larkSignature(timestamp, nonce, encryptKey, rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
  const sentMs = Number(timestamp) * 1000;
  if (!Number.isFinite(sentMs) || Math.abs(now - sentMs) > maxAgeMs) return { ok: false, reason: 'stale timestamp' };
  if (!nonces.accept(nonce, now)) return { ok: false, reason: 'replayed nonce' };
  return { ok: true };
}
