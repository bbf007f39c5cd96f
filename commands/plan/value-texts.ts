import type { MessageKey } from '../../src/i18n/index.ts';
import type { ItemSource, PostMode, RevisionKind } from './store/plans.ts';
import type { PersonWeek } from './week-view.ts';

/** The texts of the plan family's values kept in its rows: a week's status, an item's source, a revision. */

export const WEEK_STATUS_TEXT = {
  posted: 'plan.status.posted',
  missing: 'plan.status.missing',
  leave: 'plan.status.leave',
} as const satisfies Record<PersonWeek['status'], MessageKey>;

export const SOURCE_TEXT = {
  posted: 'plan.source.posted',
  carried: 'plan.source.carried',
  meeting: 'plan.source.meeting',
} as const satisfies Record<ItemSource, MessageKey>;

/** A revision as its history names it: a post by its mode, the others by their kind. */
export type RevisionStep = PostMode | Exclude<RevisionKind, 'post'>;

export function revisionStep(kind: string, mode: string | null): string {
  return kind === 'post' ? (mode ?? 'first') : kind;
}

export const REVISION_TEXT = {
  first: 'plan.kind.first',
  replace: 'plan.kind.replace',
  add: 'plan.kind.add',
  results: 'plan.kind.results',
  carry: 'plan.kind.carry',
  meeting: 'plan.kind.meeting',
} as const satisfies Record<RevisionStep, MessageKey>;

/** A revision in a person's week view ({time}, {count}); the results are shown apart. */
export const HISTORY_TEXT = {
  first: 'plan.history.first',
  replace: 'plan.history.replace',
  add: 'plan.history.add',
  carry: 'plan.history.carry',
  meeting: 'plan.history.meeting',
} as const satisfies Record<Exclude<RevisionStep, 'results'>, MessageKey>;
