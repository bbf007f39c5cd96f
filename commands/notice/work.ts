import type { Tx } from '../../src/db/client.ts';
import type { Translate } from '../../src/i18n/index.ts';
import type { Outbox } from '../../src/messaging/outbox.ts';

/** What a notice's sending works on: the caller's transaction, the outbox its owner writes, the catalog. A command's context is one. */
export interface NoticeWork {
  tx: Tx;
  out: Outbox;
  t: Translate;
}
