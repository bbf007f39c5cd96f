import { Metadata, status } from '@grpc/grpc-js';
import { WechatyResolver, WechatyToken } from 'wechaty-token';

interface ResolverInternals {
  target: { authority?: string; path: string };
  listener: (...args: unknown[]) => unknown;
}

/**
 * wechaty-token 1.1 resolves a puppet-service token for gRPC through a listener object
 * (`onSuccessfulResolution`, `onError`), but @grpc/grpc-js 1.14 passes a plain function: every
 * resolution, good or bad, then throws outside any caller and ends the process. This speaks the
 * new listener shape; it is applied only when the puppet service is configured.
 */
export function fixTokenResolver(): void {
  const proto = WechatyResolver.prototype as unknown as { updateResolution(this: ResolverInternals): Promise<void> };
  proto.updateResolution = async function (this: ResolverInternals) {
    const fail = (details: string) =>
      this.listener({ ok: false, error: { code: status.UNAVAILABLE, details, metadata: new Metadata() } }, {}, null, details);
    try {
      const address = await new WechatyToken({ authority: this.target.authority, token: this.target.path }).discover();
      if (!address?.port) {
        fail(`puppet service token "${this.target.path}" does not exist`);
        return;
      }
      this.listener({ ok: true, value: [{ addresses: [address] }] }, {}, null, '');
    } catch (error) {
      fail(`puppet service discovery failed: ${(error as Error).message}`);
    }
  };
}
