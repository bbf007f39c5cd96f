-- CreateTable
CREATE TABLE "DutySeat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "shiftKey" TEXT NOT NULL,
    "shiftName" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "startAt" DATETIME NOT NULL,
    "endAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "plannedPersonId" INTEGER,
    "personId" INTEGER,
    "overridden" BOOLEAN NOT NULL DEFAULT false,
    "remindedAt" DATETIME,
    "checkedInAt" DATETIME,
    "missedReportedAt" DATETIME,
    "handoverAt" DATETIME,
    "handoverNote" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DutyOverride" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seatId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fromPersonId" INTEGER,
    "toPersonId" INTEGER,
    "swapId" INTEGER,
    "byId" INTEGER,
    "at" DATETIME NOT NULL,
    "note" TEXT
);

-- CreateTable
CREATE TABLE "DutySwap" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "requesterId" INTEGER NOT NULL,
    "colleagueId" INTEGER NOT NULL,
    "seatId" INTEGER NOT NULL,
    "otherSeatId" INTEGER,
    "status" TEXT NOT NULL,
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DutyDay" (
    "communityId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "generatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("communityId", "date")
);

-- CreateTable
CREATE TABLE "DutyPost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DutyLeaveCheck" (
    "leaveId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "checkedAt" DATETIME NOT NULL,
    "seats" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "DutySeat_communityId_startAt_idx" ON "DutySeat"("communityId", "startAt");

-- CreateIndex
CREATE INDEX "DutySeat_personId_startAt_idx" ON "DutySeat"("personId", "startAt");

-- CreateIndex
CREATE INDEX "DutySeat_startAt_idx" ON "DutySeat"("startAt");

-- CreateIndex
CREATE UNIQUE INDEX "DutySeat_communityId_date_shiftKey_seat_key" ON "DutySeat"("communityId", "date", "shiftKey", "seat");

-- CreateIndex
CREATE INDEX "DutyOverride_seatId_idx" ON "DutyOverride"("seatId");

-- CreateIndex
CREATE INDEX "DutySwap_status_idx" ON "DutySwap"("status");

-- CreateIndex
CREATE UNIQUE INDEX "DutyPost_communityId_kind_key_key" ON "DutyPost"("communityId", "kind", "key");

