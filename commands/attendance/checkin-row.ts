import type { Tx } from '../../src/db/client.ts';
import { sql } from '../../src/db/sql.ts';

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
 * about four times as much. False when the person already has the row of that date, session and
 * kind: the unique key decides, with no error, so the transaction goes on without the savepoint
 * PostgreSQL would otherwise need (it aborts a transaction at its first error).
 */
export async function insertCheckIn(tx: Tx, row: CheckInRow): Promise<boolean> {
  const inserted = await sql(tx).execute`
    INSERT INTO "CheckIn" ("personId", "communityId", "officeDate", "session", "kind", "at", "status", "platform",
                           "latitude", "longitude", "distanceMeters", "outsideGeofence", "createdAt")
    VALUES (${row.personId}, ${row.communityId}, ${row.officeDate}, ${row.session}, ${row.kind}, ${row.at}, ${row.status}, ${row.platform},
            ${row.latitude ?? null}, ${row.longitude ?? null}, ${row.distanceMeters ?? null}, ${row.outsideGeofence ?? false}, ${new Date()})
    ON CONFLICT ("personId", "officeDate", "session", "kind") DO NOTHING`;
  return inserted === 1;
}
