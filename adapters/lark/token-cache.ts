import type { Cache } from '@larksuiteoapi/node-sdk';

/**
 * The SDK's token cache, owned by the adapter: the SDK's default is one cache shared by every client
 * in the process and cannot be emptied when Lark says a token is no longer valid.
 */
export class TokenCache implements Cache {
  private readonly values = new Map<string, { value: unknown; expiresAt: number | undefined }>();

  private key(key: string | Symbol, namespace?: string): string {
    return `${namespace ?? ''}/${key.toString()}`;
  }

  async get(key: string | Symbol, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.values.get(this.key(key, options?.namespace));
    if (!entry || (entry.expiresAt !== undefined && entry.expiresAt <= Date.now())) return undefined;
    return entry.value;
  }

  async set(key: string | Symbol, value: unknown, expiresAt?: number, options?: { namespace?: string }): Promise<boolean> {
    this.values.set(this.key(key, options?.namespace), { value, expiresAt });
    return true;
  }

  clear(): void {
    this.values.clear();
  }
}
