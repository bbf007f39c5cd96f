-- CreateTable
CREATE TABLE "AttendanceException" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "officeDate" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "AttendanceException_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AttendanceException_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Whereabouts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "officeDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "returnAt" TEXT,
    "setAt" DATETIME NOT NULL,
    CONSTRAINT "Whereabouts_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceScore" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "setById" INTEGER NOT NULL,
    "setAt" DATETIME NOT NULL,
    CONSTRAINT "AttendanceScore_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AttendanceScore_setById_fkey" FOREIGN KEY ("setById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CheckIn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "officeDate" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "inboxEventId" INTEGER,
    "latitude" REAL,
    "longitude" REAL,
    "distanceMeters" INTEGER,
    "outsideGeofence" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckIn_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CheckIn_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CheckIn" ("at", "communityId", "createdAt", "id", "inboxEventId", "kind", "officeDate", "personId", "platform", "session", "status") SELECT "at", "communityId", "createdAt", "id", "inboxEventId", "kind", "officeDate", "personId", "platform", "session", "status" FROM "CheckIn";
DROP TABLE "CheckIn";
ALTER TABLE "new_CheckIn" RENAME TO "CheckIn";
CREATE INDEX "CheckIn_communityId_officeDate_idx" ON "CheckIn"("communityId", "officeDate");
CREATE UNIQUE INDEX "CheckIn_personId_officeDate_session_kind_key" ON "CheckIn"("personId", "officeDate", "session", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AttendanceException_personId_officeDate_idx" ON "AttendanceException"("personId", "officeDate");

-- CreateIndex
CREATE INDEX "AttendanceException_communityId_officeDate_idx" ON "AttendanceException"("communityId", "officeDate");

-- CreateIndex
CREATE INDEX "Whereabouts_communityId_officeDate_idx" ON "Whereabouts"("communityId", "officeDate");

-- CreateIndex
CREATE INDEX "Whereabouts_personId_officeDate_idx" ON "Whereabouts"("personId", "officeDate");

-- CreateIndex
CREATE INDEX "AttendanceScore_personId_month_idx" ON "AttendanceScore"("personId", "month");

