-- PostgreSQL twin of prisma/migrations/20261211000000_incidents.
-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER,
    "streetId" INTEGER,
    "className" TEXT,
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "casualties" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "place" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
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
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "escalationStep" INTEGER NOT NULL DEFAULT 0,
    "holderId" INTEGER,
    "holderName" TEXT,
    "takenAt" TIMESTAMP(3),
    "takenById" INTEGER,
    "takenByName" TEXT,
    "onSiteAt" TIMESTAMP(3),
    "onSiteById" INTEGER,
    "onSiteByName" TEXT,
    "onSiteEscalatedAt" TIMESTAMP(3),
    "streetEscalatedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedByName" TEXT,
    "outcome" TEXT,
    "visitDueAt" TIMESTAMP(3),
    "visitAskedAt" TIMESTAMP(3),
    "visitedAt" TIMESTAMP(3),
    "rating" TEXT,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" TIMESTAMP(3),
    "mergedIntoId" INTEGER,
    "mediationParties" TEXT,
    "mediator" TEXT,
    "mediationAgreement" TEXT,
    "mediatedAt" TIMESTAMP(3),

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentUpdate" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "personId" INTEGER,
    "name" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,

    CONSTRAINT "IncidentUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentAttachment" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "name" TEXT,
    "mime" TEXT,
    "size" INTEGER,
    "platform" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incident_status_reportedAt_idx" ON "Incident"("status", "reportedAt");

-- CreateIndex
CREATE INDEX "Incident_communityId_reportedAt_idx" ON "Incident"("communityId", "reportedAt");

-- CreateIndex
CREATE INDEX "IncidentUpdate_incidentId_at_idx" ON "IncidentUpdate"("incidentId", "at");

-- CreateIndex
CREATE INDEX "IncidentAttachment_incidentId_idx" ON "IncidentAttachment"("incidentId");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentUpdate" ADD CONSTRAINT "IncidentUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentAttachment" ADD CONSTRAINT "IncidentAttachment_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

