-- PostgreSQL twin of prisma/migrations/20261202000000_duty.
-- CreateTable
CREATE TABLE "DutySeat" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "shiftKey" TEXT NOT NULL,
    "shiftName" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "startAt" TIMESTAMP(3) NOT NULL,
    "endAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "plannedPersonId" INTEGER,
    "personId" INTEGER,
    "overridden" BOOLEAN NOT NULL DEFAULT false,
    "remindedAt" TIMESTAMP(3),
    "checkedInAt" TIMESTAMP(3),
    "missedReportedAt" TIMESTAMP(3),
    "handoverAt" TIMESTAMP(3),
    "handoverNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DutySeat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyOverride" (
    "id" SERIAL NOT NULL,
    "seatId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fromPersonId" INTEGER,
    "toPersonId" INTEGER,
    "swapId" INTEGER,
    "byId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,
    "note" TEXT,

    CONSTRAINT "DutyOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutySwap" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "DutySwap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DutyDay" (
    "communityId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DutyDay_pkey" PRIMARY KEY ("communityId","date")
);

-- CreateTable
CREATE TABLE "DutyPost" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DutyPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
-- "leaveId" is the leave request's id, never drawn (the SQLite twin's AUTOINCREMENT is not used).
CREATE TABLE "DutyLeaveCheck" (
    "leaveId" INTEGER NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "seats" INTEGER NOT NULL,

    CONSTRAINT "DutyLeaveCheck_pkey" PRIMARY KEY ("leaveId")
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

