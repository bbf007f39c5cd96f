import { subjectId, writeSubject } from '../../../src/core/reference.ts';

/** The subject of the work-group posts of a resident's question (`question:3`): a quoted reply to one answers it. */
export const QUESTION_SUBJECT = 'question';

export function questionSubject(id: number): string {
  return writeSubject(QUESTION_SUBJECT, id);
}

export function questionOfSubject(subject: string | null | undefined): number | null {
  return subjectId(subject, QUESTION_SUBJECT);
}
