import type { RecordKind } from '../../src/core/records.ts';
import { CASE_SUBJECT } from './subjects.ts';

/** A case as the guards see it: its community and street, and its reporter (a person, or a platform account). */
const select = { id: true, communityId: true, streetId: true, reporterPersonId: true, platform: true, platformUserId: true } as const;

export const incidentRecord: RecordKind<{ id: number; communityId: number | null; streetId: number | null; reporterPersonId: number | null; platform: string; platformUserId: string }> = {
  kind: 'incident',
  subject: CASE_SUBJECT,
  load: (tx, id) => tx.incident.findUnique({ where: { id }, select }),
  notFound: 'incident.notFound',
  ownedBy: (incident, actor) =>
    (actor.personId !== null && incident.reporterPersonId === actor.personId) || (incident.platform === actor.platform && incident.platformUserId === actor.platformUserId),
  notYours: (_incident, id) => ({ key: 'incident.visit.onlyReporter', params: { id } }),
};
