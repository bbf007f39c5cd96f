-- CreateTable
CREATE TABLE "Incident" (
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

-- CreateTable
CREATE TABLE "IncidentUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "at" DATETIME NOT NULL,
    "personId" INTEGER,
    "name" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    CONSTRAINT "IncidentUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentAttachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "name" TEXT,
    "mime" TEXT,
    "size" INTEGER,
    "platform" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "IncidentAttachment_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Incident_status_reportedAt_idx" ON "Incident"("status", "reportedAt");

-- CreateIndex
CREATE INDEX "Incident_communityId_reportedAt_idx" ON "Incident"("communityId", "reportedAt");

-- CreateIndex
CREATE INDEX "IncidentUpdate_incidentId_at_idx" ON "IncidentUpdate"("incidentId", "at");

-- CreateIndex
CREATE INDEX "IncidentAttachment_incidentId_idx" ON "IncidentAttachment"("incidentId");

