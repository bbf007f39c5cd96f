import { namedRecord, subjectId, writeSubject, type NamedRecord } from '../../src/core/reference.ts';

/**
 * What the bot's messages about a case are (their outbox subject), so that a reply quoting one
 * finds the case: `incident:<id>` the case as told to its reporter, `incident:<id>:notice` a notice
 * to staff (its buttons are replaced by who took it), `incident-visit:<id>` the return-visit question.
 */

export const CASE_SUBJECT = 'incident';
export const VISIT_SUBJECT = 'incident-visit';

export function caseSubject(id: number): string {
  return writeSubject(CASE_SUBJECT, id);
}

export function noticeSubject(id: number): string {
  return writeSubject(CASE_SUBJECT, id, 'notice');
}

export function visitSubject(id: number): string {
  return writeSubject(VISIT_SUBJECT, id);
}

/** The case a quoted bot message is about (either kind), or null. */
export function incidentIdFromSubject(subject: string | null | undefined): number | null {
  return subjectId(subject, [CASE_SUBJECT, VISIT_SUBJECT]);
}

/** A leading `#编号` (「#5 已疏散」「5 已疏散」 after a command word), else the quoted case; the rest is what follows. */
export function incidentRef(rest: string, quotedSubject: string | null | undefined): NamedRecord {
  return namedRecord(rest, { bare: true }, incidentIdFromSubject(quotedSubject));
}
