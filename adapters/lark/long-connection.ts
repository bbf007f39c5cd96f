import { WSClient, type EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/log.ts';
import { sdkLogger } from './api.ts';
import type { EventSource } from './adapter.ts';
import type { LarkConfig } from './config.ts';

/**
 * Events over the SDK's long connection instead of the webhook (no public URL needed). Kept thin:
 * the SDK authenticates the connection and acknowledges after the handler resolves, so the same
 * EventDispatcher and 3 s budget apply. It cannot be exercised without a real Lark tenant.
 */
export class LarkLongConnection implements EventSource {
  private client: WSClient | null = null;

  constructor(
    private readonly config: LarkConfig,
    private readonly log: Logger,
  ) {}

  async start(events: EventDispatcher): Promise<void> {
    this.client = new WSClient({
      appId: this.config.appId,
      appSecret: this.config.appSecret,
      domain: this.config.domain,
      logger: sdkLogger(this.log),
      // A half-open connection is noticed within a minute instead of never.
      wsConfig: { pingTimeout: 60 },
      onError: (error: Error) => this.log.error({ err: error }, 'lark long connection gave up'),
    });
    // Returns at once; the SDK connects and reconnects in the background.
    await this.client.start({ eventDispatcher: events });
  }

  stop(): void {
    this.client?.close({ force: true });
    this.client = null;
  }
}
