-- PostgreSQL twin of prisma/migrations/20261213000000_alerts.
-- CreateTable
CREATE TABLE "ResidentQuestion" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "chatTitle" TEXT,
    "messageId" TEXT NOT NULL,
    "askerUserId" TEXT NOT NULL,
    "askerName" TEXT NOT NULL,
    "askerPersonId" INTEGER,
    "text" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "ownerId" INTEGER,
    "ownerName" TEXT,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),

    CONSTRAINT "ResidentQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "msgType" TEXT NOT NULL,
    "refId" INTEGER,
    "scope" TEXT NOT NULL,
    "communityId" INTEGER,
    "streetId" INTEGER,
    "authorId" INTEGER NOT NULL,
    "authorName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "guidance" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL,
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ResidentQuestion_status_askedAt_idx" ON "ResidentQuestion"("status", "askedAt");

-- CreateIndex
CREATE INDEX "Alert_refId_idx" ON "Alert"("refId");

