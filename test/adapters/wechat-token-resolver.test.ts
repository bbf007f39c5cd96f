import { afterEach, describe, expect, it, vi } from 'vitest';
import { WechatyResolver, WechatyToken } from 'wechaty-token';
import { fixTokenResolver } from '../../adapters/wechat/token-resolver-fix.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Resolves a token the way @grpc/grpc-js 1.14 asks: with a listener that is a plain function. */
async function resolve(token: string): Promise<unknown[]> {
  const calls: unknown[][] = [];
  const listener = (...args: unknown[]) => {
    calls.push(args);
    return true;
  };
  const resolver = new WechatyResolver({ scheme: 'wechaty', authority: 'api.chatie.io', path: token }, listener as never, {});
  await resolver.updateResolution();
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

describe('puppet-service token resolution with the installed gRPC library', () => {
  it('hands a discovered address and a failed discovery to the listener instead of throwing', async () => {
    fixTokenResolver();
    vi.spyOn(WechatyToken.prototype, 'discover').mockResolvedValueOnce({ host: '10.0.0.7', port: 8788 });
    expect((await resolve('puppet_padlocal_good'))[0]).toEqual({ ok: true, value: [{ addresses: [{ host: '10.0.0.7', port: 8788 }] }] });

    vi.spyOn(WechatyToken.prototype, 'discover').mockResolvedValueOnce(undefined);
    const [missing] = await resolve('puppet_padlocal_unknown');
    expect(missing).toMatchObject({ ok: false, error: { code: 14, details: 'puppet service token "puppet_padlocal_unknown" does not exist' } });

    vi.spyOn(WechatyToken.prototype, 'discover').mockRejectedValueOnce(new Error('getaddrinfo ENOTFOUND api.chatie.io'));
    const [offline] = await resolve('puppet_padlocal_any');
    expect(offline).toMatchObject({ ok: false, error: { details: 'puppet service discovery failed: getaddrinfo ENOTFOUND api.chatie.io' } });
  });
});
