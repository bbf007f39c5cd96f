import type { RecordKind } from '../../src/core/records.ts';
import { streetOfCommunity } from '../../src/core/records.ts';

/** A duty seat by its number (代班 #12): its community's staff may ask for or assign a cover. */
export const dutySeatRecord: RecordKind<{ id: number; communityId: number; streetId: number | null }> = {
  kind: 'duty-seat',
  async load(tx, id) {
    const seat = await tx.dutySeat.findFirst({ where: { id, role: 'duty' }, select: { id: true, communityId: true } });
    return seat && { ...seat, streetId: await streetOfCommunity(tx, seat.communityId) };
  },
  notFound: 'duty.cover.noSeat',
};
