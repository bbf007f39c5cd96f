/**
 * What the bot's messages about a case are (their outbox subject), so that a reply quoting one
 * finds the case: `incident:<id>` the case as told to its reporter, `incident:<id>:notice` a notice
 * to staff (its buttons are replaced by who took it), `incident-visit:<id>` the return-visit question.
 */

export const CASE_PREFIX = 'incident:';
export const VISIT_PREFIX = 'incident-visit:';

export function caseSubject(id: number): string {
  return `${CASE_PREFIX}${id}`;
}

export function noticeSubject(id: number): string {
  return `${CASE_PREFIX}${id}:notice`;
}

export function visitSubject(id: number): string {
  return `${VISIT_PREFIX}${id}`;
}

/** The case a quoted bot message is about (either kind), or null. */
export function incidentIdFromSubject(subject: string | null | undefined): number | null {
  const match = /^incident(?:-visit)?:(\d+)/.exec(subject ?? '');
  return match ? Number(match[1]) : null;
}

/** A leading `#编号` (「#5 已疏散」「5 已疏散」 after a command word), else the quoted case; the rest is what follows. */
export function incidentRef(rest: string, quotedSubject: string | null | undefined): { id: number | null; rest: string } {
  const match = /^#?\s*(\d+)(?:\s+|[:,、;]\s*|$)/.exec(rest.trim());
  if (match) return { id: Number(match[1]), rest: rest.trim().slice(match[0].length).trim() };
  return { id: incidentIdFromSubject(quotedSubject), rest: rest.trim() };
}
