-- CreateTable
CREATE TABLE "ResidentQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "chatTitle" TEXT,
    "messageId" TEXT NOT NULL,
    "askerUserId" TEXT NOT NULL,
    "askerName" TEXT NOT NULL,
    "askerPersonId" INTEGER,
    "text" TEXT NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "ownerId" INTEGER,
    "ownerName" TEXT,
    "answer" TEXT,
    "answeredAt" DATETIME,
    "remindedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ResidentQuestion_status_askedAt_idx" ON "ResidentQuestion"("status", "askedAt");

-- CreateIndex
CREATE INDEX "Alert_refId_idx" ON "Alert"("refId");

