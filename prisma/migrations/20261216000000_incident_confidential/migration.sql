-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Incident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER,
    "streetId" INTEGER,
    "className" TEXT,
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "casualties" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "place" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "locationName" TEXT,
    "status" TEXT NOT NULL,
    "reporterPersonId" INTEGER,
    "reporterName" TEXT NOT NULL,
    "reporterPhone" TEXT,
    "reporterStaff" BOOLEAN NOT NULL DEFAULT false,
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "reportMessageId" TEXT NOT NULL,
    "reportChatKind" TEXT NOT NULL,
    "reportAudience" TEXT NOT NULL,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "reportedAt" DATETIME NOT NULL,
    "escalationStep" INTEGER NOT NULL DEFAULT 0,
    "holderId" INTEGER,
    "holderName" TEXT,
    "takenAt" DATETIME,
    "takenById" INTEGER,
    "takenByName" TEXT,
    "onSiteAt" DATETIME,
    "onSiteById" INTEGER,
    "onSiteByName" TEXT,
    "onSiteEscalatedAt" DATETIME,
    "streetEscalatedAt" DATETIME,
    "closedAt" DATETIME,
    "closedByName" TEXT,
    "outcome" TEXT,
    "visitDueAt" DATETIME,
    "visitAskedAt" DATETIME,
    "visitedAt" DATETIME,
    "rating" TEXT,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" DATETIME,
    "mergedIntoId" INTEGER,
    "mediationParties" TEXT,
    "mediator" TEXT,
    "mediationAgreement" TEXT,
    "mediatedAt" DATETIME,
    CONSTRAINT "Incident_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Incident" ("archivedAt", "casualties", "className", "closedAt", "closedByName", "communityId", "escalationStep", "holderId", "holderName", "id", "latitude", "level", "locationName", "longitude", "mediatedAt", "mediationAgreement", "mediationParties", "mediator", "mergedIntoId", "onSiteAt", "onSiteById", "onSiteByName", "onSiteEscalatedAt", "outcome", "place", "platform", "platformChatId", "platformUserId", "rating", "reopenCount", "reportAudience", "reportChatKind", "reportMessageId", "reportedAt", "reporterName", "reporterPersonId", "reporterPhone", "reporterStaff", "status", "streetEscalatedAt", "streetId", "takenAt", "takenById", "takenByName", "text", "type", "visitAskedAt", "visitDueAt", "visitedAt") SELECT "archivedAt", "casualties", "className", "closedAt", "closedByName", "communityId", "escalationStep", "holderId", "holderName", "id", "latitude", "level", "locationName", "longitude", "mediatedAt", "mediationAgreement", "mediationParties", "mediator", "mergedIntoId", "onSiteAt", "onSiteById", "onSiteByName", "onSiteEscalatedAt", "outcome", "place", "platform", "platformChatId", "platformUserId", "rating", "reopenCount", "reportAudience", "reportChatKind", "reportMessageId", "reportedAt", "reporterName", "reporterPersonId", "reporterPhone", "reporterStaff", "status", "streetEscalatedAt", "streetId", "takenAt", "takenById", "takenByName", "text", "type", "visitAskedAt", "visitDueAt", "visitedAt" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_status_reportedAt_idx" ON "Incident"("status", "reportedAt");
CREATE INDEX "Incident_communityId_reportedAt_idx" ON "Incident"("communityId", "reportedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

