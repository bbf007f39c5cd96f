import type { MessageKey, MessageParams, Translate } from './index.ts';

/** A user-facing text by catalog key, rendered in the office's locale. */
export interface Text {
  key: MessageKey;
  params?: MessageParams;
  /** Params that are lists of catalog keys, rendered translated and joined with 「或」. */
  lists?: Record<string, MessageKey[]>;
}

export function renderText(t: Translate, text: Text): string {
  const params: MessageParams = { ...text.params };
  for (const [name, keys] of Object.entries(text.lists ?? {})) {
    const items = keys.map((key) => t(key));
    params[name] = items.length > 1 ? `${items.slice(0, -1).join(t('list.separator'))}${t('list.or')}${items.at(-1)}` : (items[0] ?? '');
  }
  return t(text.key, params);
}
