import type { Policy } from '../config/policy.ts';
import type { Role } from '../core/roles.ts';
import type { Tx } from '../db/client.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { Approver } from './approvers.ts';
import type { Outbox } from '../messaging/outbox.ts';

/**
 * What approval work runs on: the command's (or job's) transaction, policy, catalog and time, and its
 * outbox, which the dispatcher (or the scheduler) writes. A command's context is one.
 */
export interface Workflow {
  tx: Tx;
  policy: Policy;
  t: Translate;
  now: Date;
  out: Outbox;
}

/** A request of some family, as the approval workflow needs to see it. */
export interface ApprovalRequest {
  id: number;
  /** 'pending' while its steps are being decided; anything else is final. */
  status: string;
  currentStep: number;
  /** Who asked: their community and street scope the role look-ups, and they never approve their own. */
  applicant: { personId: number; name: string; communityId: number | null; streetId: number | null };
  /** Whoever filed it for the applicant signs their own step by filing (补假). */
  filedById: number | null;
}

/** A step as planned: approved by whoever holds a role, or by one named person. */
export type StepPlan = { role: Role } | { personId: number };

/** A step's status as its row keeps it: waiting for the steps before it, pending with its approver, then decided or skipped. */
export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The family's own words for each answer; the params each gets are noted. */
export interface ApprovalTexts {
  /** {id} */
  notFound: MessageKey;
  /** {id, status} */
  alreadyDecided: MessageKey;
  /** {id} */
  alreadyApproved: MessageKey;
  /** {id, name, role}: who the step waits for. */
  notYourStep: MessageKey;
  /** {id, name, role}: the next approver. */
  approvedStep: MessageKey;
  /** {id, name}: the applicant. */
  approvedFinal: MessageKey;
  /** {id, name}: the applicant. */
  rejectedDone: MessageKey;
  /** On the post, in place of its hint: {name, time, comment}. */
  outcomeApproved: MessageKey;
  /** {name, time, reason} */
  outcomeRejected: MessageKey;
  /** The post's first line when it is sent again: {id} */
  postReminder: MessageKey;
  /** {id, from}: the approver who did not answer. */
  postEscalated: MessageKey;
  /** To the applicant: {id, name, role} */
  applicantReminded: MessageKey;
  /** {id, name, role} */
  applicantEscalated: MessageKey;
  /** The comment on a step its filer signed by filing. */
  filerSigned: MessageKey;
}

/**
 * What a family registers so that its requests are approved by the one workflow: a leave note, an
 * alert, a duty swap. The request's own status lives in the family's table; every change of it is a
 * compare-and-set the family implements here.
 */
export interface ApprovalKind {
  /** The kind of its posts' subjects (src/core/reference.ts) and of its steps: "leave" → leave:12:0. */
  kind: string;
  /** How people name one before its number when two kinds share it: 同意 请假#3, 同意 预警#3. */
  noun: string;
  texts: ApprovalTexts;
  /** How a button or a typed 同意 names one: 「#12」 for leave, 「预警#3」. */
  reference(id: number): string;
  load(tx: Tx, id: number): Promise<ApprovalRequest | null>;
  /** Compare-and-set: the pending request moves from step `from` to `to`; false when it moved meanwhile. */
  moveStep(tx: Tx, id: number, from: number, to: number): Promise<boolean>;
  /** Compare-and-set: the pending request at step `at` is closed as approved or rejected. */
  close(tx: Tx, id: number, at: number, outcome: 'approved' | 'rejected', now: Date): Promise<boolean>;
  statusText(t: Translate, status: string): string;
  /** The approval post: `header` (or the family's own first line), the request, who decides; the last line is the hint, replaced by the outcome later. */
  post(w: Workflow, id: number, index: number, approver: Approver, steps: number, header: string | null): Promise<string>;
  /** Every step approved: the effect (announce the leave, send the alert, swap the shifts). */
  approved(w: Workflow, id: number): Promise<void>;
  rejected(w: Workflow, id: number, actor: { personId: number; name: string }, comment: string): Promise<void>;
  /** When an idle step is reminded and escalated, and whether that waits for office time. */
  idle(policy: Policy): { remindAfterMinutes: number; escalateAfterMinutes: number; officeTimeOnly: boolean };
}
