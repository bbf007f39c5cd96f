-- PostgreSQL twin of prisma/migrations/20261122060000_leave.
-- AlterTable
ALTER TABLE "Binding" ADD COLUMN     "privateChatId" TEXT;

-- CreateTable
CREATE TABLE "LeaveRequest" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "streetId" INTEGER,
    "type" TEXT NOT NULL,
    "startAt" TIMESTAMP(3) NOT NULL,
    "endAt" TIMESTAMP(3) NOT NULL,
    "workMinutes" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "filedById" INTEGER,
    "certificate" TEXT,
    "certificateRemindedAt" TIMESTAMP(3),
    "returnedAt" TIMESTAMP(3),
    "returnRemindedAt" TIMESTAMP(3),
    "returnEscalatedAt" TIMESTAMP(3),
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "LeaveRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaveStep" (
    "id" SERIAL NOT NULL,
    "requestId" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "approverId" INTEGER,
    "status" TEXT NOT NULL,
    "activatedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "actedAt" TIMESTAMP(3),
    "actedById" INTEGER,
    "comment" TEXT,

    CONSTRAINT "LeaveStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LeaveRequest_personId_status_idx" ON "LeaveRequest"("personId", "status");

-- CreateIndex
CREATE INDEX "LeaveRequest_status_endAt_idx" ON "LeaveRequest"("status", "endAt");

-- CreateIndex
CREATE INDEX "LeaveStep_status_activatedAt_idx" ON "LeaveStep"("status", "activatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LeaveStep_requestId_index_key" ON "LeaveStep"("requestId", "index");

-- AddForeignKey
ALTER TABLE "LeaveRequest" ADD CONSTRAINT "LeaveRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaveStep" ADD CONSTRAINT "LeaveStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "LeaveRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

