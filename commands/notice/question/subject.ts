/** The subject of the work-group posts of a resident's question: a quoted reply to one answers it. */
export const QUESTION_SUBJECT = 'question:';

export function questionSubject(id: number): string {
  return `${QUESTION_SUBJECT}${id}`;
}

export function questionOfSubject(subject: string | null | undefined): number | null {
  const match = /^question:(\d+)$/.exec(subject ?? '');
  return match ? Number(match[1]) : null;
}
