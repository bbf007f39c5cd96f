import type { MessageKey, MessageParams, Translate } from './index.ts';

/*
 * A value kept as text in a row (a status, a kind, a platform) and its text in the catalogs: each
 * family keeps its values as a const union and a typed map from each value to its text key, e.g.
 * `{ pending: 'leave.status.pending', … } as const satisfies Record<LeaveStatus, MessageKey>`, so no
 * key is built from a string and cast into the catalog.
 */

/** True when `value`, as read from a row, is one of `values`: the text column narrowed to its union. */
export function isOneOf<T extends string>(values: readonly T[], value: string | null | undefined): value is T {
  return values.some((one) => one === value);
}

/** The text of `value` through its family's map; a value the map does not know (a row a later version wrote) reads as it is. */
export function textOf<T extends string>(t: Translate, texts: Readonly<Record<T, MessageKey>>, value: string, params?: MessageParams): string {
  const known = (v: string): v is T => Object.hasOwn(texts, v);
  return known(value) ? t(texts[value], params) : value;
}

