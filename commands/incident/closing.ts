import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { actorOf, answerWith } from './command-support.ts';
import { INCIDENT_STAFF } from './roles.ts';
import { incidentIdFromSubject, incidentRef, VISIT_SUBJECT } from './subjects.ts';
import { answerVisit, merge, recordMediation } from './workflow.ts';
import { incidentRecord } from './records.ts';
import { referencesIn, subjectPrefix } from '../../src/core/reference.ts';

const visitArgs = z.object({ id: z.number().int().positive(), satisfied: z.boolean(), comment: asWritten(z.string()) });
const UNSATISFIED = /^(不满意|不太满意|没解决|没有解决|未解决|还没解决)/;
const SATISFIED = /^(非常满意|满意|已解决|解决了)/;

/**
 * 回访: the reporter's answer to the return visit — the button, a reply quoting the question, the
 * bare 满意/不满意 the question opens for the reporter alone (anyone else's 满意 is talk), or
 * 「回访 #5 不满意 还在漏水」. 不满意 reopens the case.
 */
export const incidentVisitCommand = defineCommand({
  id: 'incident-visit',
  names: ['回访', '评价', '/rate'],
  summary: 'cmd.incidentVisit.summary',
  example: 'cmd.incidentVisit.example',
  allowedRoles: 'anyone',
  trigger: TRIGGER.reference,
  quotedSubjects: [subjectPrefix(VISIT_SUBJECT)],
  args: visitArgs,
  // Only the reporter answers the return visit.
  record: { kinds: [incidentRecord], id: (args) => args.id, access: 'owner' },
  parse(rest, context) {
    const ref = incidentRef(rest, context.quotedSubject);
    const id = ref.id ?? incidentIdFromSubject(context.quotedSubject);
    if (id === null) return { ok: false, error: { key: 'incident.which' } };
    const unsatisfied = UNSATISFIED.exec(ref.rest);
    const satisfied = unsatisfied ? null : SATISFIED.exec(ref.rest);
    const matched = unsatisfied ?? satisfied;
    if (!matched) return { ok: false, error: { key: 'incident.visit.which', params: { id } } };
    return { ok: true, args: { id, satisfied: satisfied !== null, comment: ref.rest.slice(matched[0].length).replace(/^[\s,，:：。]+/, '') } };
  },
  async handle(context, { id, satisfied, comment }) {
    await answerWith(context, (desk) => answerVisit(desk, id, { personId: context.sender?.personId ?? null }, { satisfied, comment }));
  },
});

const mergeArgs = z.object({ from: z.number().int().positive(), into: z.number().int().positive() });

/** 并案 #6 #5 (也可 「#6 并入 #5」, or 「并案 #5」 replying to #6's notice): #6 is a second report of #5. */
export const incidentMergeCommand = defineCommand({
  id: 'incident-merge',
  names: ['并案', '合并', '/merge'],
  summary: 'cmd.incidentMerge.summary',
  example: 'cmd.incidentMerge.example',
  allowedRoles: INCIDENT_STAFF,
  trigger: TRIGGER.reference,
  args: mergeArgs,
  record: { kinds: [incidentRecord], id: (args) => [args.from, args.into], access: 'office' },
  parse(rest, context) {
    const numbers = referencesIn(rest);
    const quoted = incidentIdFromSubject(context.quotedSubject);
    if (numbers.length >= 2) return { ok: true, args: { from: numbers[0]!, into: numbers[1]! } };
    if (numbers.length === 1 && quoted !== null) return { ok: true, args: { from: quoted, into: numbers[0]! } };
    return { ok: false, error: { key: 'incident.merge.usage' } };
  },
  async handle(context, { from, into }) {
    await answerWith(context, (desk) => merge(desk, from, into, actorOf(context.sender)));
  },
});

const mediationArgs = z.object({ id: z.number().int().positive(), parties: asWritten(z.string().min(1)), mediator: z.string().nullable(), agreement: asWritten(z.string().min(1)) });
const FIELD = /(双方|当事人|调解人|主持人|协议|调解协议|结果|调解结果)\s*[:：]\s*/g;

/** Reads 「双方：302王某、402李某；调解人：张伟；协议：402修水管」, in any order. */
export function mediationFields(text: string): { parties: string; mediator: string | null; agreement: string } {
  const fields: Record<string, string> = {};
  const marks = [...text.matchAll(FIELD)];
  marks.forEach((mark, index) => {
    const end = marks[index + 1]?.index ?? text.length;
    const value = text.slice(mark.index! + mark[0].length, end).replace(/[\s;；,，。]+$/, '').trim();
    const key = /双方|当事人/.test(mark[1]!) ? 'parties' : /调解人|主持人/.test(mark[1]!) ? 'mediator' : 'agreement';
    fields[key] = value;
  });
  return { parties: fields.parties ?? '', mediator: fields.mediator || null, agreement: fields.agreement ?? '' };
}

/** 调解 #5 双方：… 调解人：… 协议：…: the mediation record of a dispute; it closes the case, the visit follows after the policy's days. */
export const incidentMediationCommand = defineCommand({
  id: 'incident-mediation',
  names: ['调解', '调解记录', '/mediation'],
  summary: 'cmd.incidentMediation.summary',
  example: 'cmd.incidentMediation.example',
  allowedRoles: INCIDENT_STAFF,
  trigger: TRIGGER.reference,
  args: mediationArgs,
  record: { kinds: [incidentRecord], id: (args) => args.id, access: 'office' },
  parse(rest, context) {
    const ref = incidentRef(rest, context.quotedSubject);
    if (ref.id === null) return { ok: false, error: { key: 'incident.which' } };
    const fields = mediationFields(ref.rest);
    if (!fields.parties || !fields.agreement) return { ok: false, error: { key: 'incident.mediation.usage', params: { id: ref.id } } };
    return { ok: true, args: { id: ref.id, ...fields } };
  },
  async handle(context, { id, ...mediation }) {
    await answerWith(context, (desk) => recordMediation(desk, id, actorOf(context.sender), mediation));
  },
});
