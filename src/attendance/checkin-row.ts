import type { Tx } from '../db/client.ts';
import { sql } from '../db/sql.ts';

export interface CheckInRow {
  personId: number;
  communityId: number;
  officeDate: string;
  session: string;
  kind: 'in' | 'out';
  at: Date;
  status: string;
  platform: string;
  latitude?: number;
  longitude?: number;
  distanceMeters?: number;
  outsideGeofence?: boolean;
}

/**
 * One check-in row, raw: it is the busiest write of the office morning, and a compiled insert costs
 * about four times as much. A second row for the same person, date, session and kind is a unique
 * violation (the caller runs it through insertUnlessDuplicate).
 */
export async function insertCheckIn(tx: Tx, row: CheckInRow): Promise<void> {
  await sql(tx).execute`
    INSERT INTO "CheckIn" ("personId", "communityId", "officeDate", "session", "kind", "at", "status", "platform",
                           "latitude", "longitude", "distanceMeters", "outsideGeofence", "createdAt")
    VALUES (${row.personId}, ${row.communityId}, ${row.officeDate}, ${row.session}, ${row.kind}, ${row.at}, ${row.status}, ${row.platform},
            ${row.latitude ?? null}, ${row.longitude ?? null}, ${row.distanceMeters ?? null}, ${row.outsideGeofence ?? false}, ${new Date()})`;
}
