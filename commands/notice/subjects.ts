/**
 * The kinds of the subjects of the bot's messages about a notice (src/core/reference.ts writes and
 * reads them): `notice:7` a delivery to a group, and the publisher's draft, progress, result,
 * recall report and ledger.
 */
export const NOTICE_SUBJECTS = {
  delivery: 'notice',
  draft: 'notice-draft',
  progress: 'notice-progress',
  result: 'notice-result',
  recall: 'notice-recall',
  ledger: 'notice-ledger',
} as const;
