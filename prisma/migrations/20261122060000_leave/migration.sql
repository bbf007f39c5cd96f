-- AlterTable
ALTER TABLE "Binding" ADD COLUMN "privateChatId" TEXT;

-- CreateTable
CREATE TABLE "LeaveRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "streetId" INTEGER,
    "type" TEXT NOT NULL,
    "startAt" DATETIME NOT NULL,
    "endAt" DATETIME NOT NULL,
    "workMinutes" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "filedById" INTEGER,
    "certificate" TEXT,
    "certificateRemindedAt" DATETIME,
    "returnedAt" DATETIME,
    "returnRemindedAt" DATETIME,
    "returnEscalatedAt" DATETIME,
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "decidedAt" DATETIME,
    CONSTRAINT "LeaveRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LeaveStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "approverId" INTEGER,
    "status" TEXT NOT NULL,
    "activatedAt" DATETIME,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "actedAt" DATETIME,
    "actedById" INTEGER,
    "comment" TEXT,
    CONSTRAINT "LeaveStep_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "LeaveRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LeaveRequest_personId_status_idx" ON "LeaveRequest"("personId", "status");

-- CreateIndex
CREATE INDEX "LeaveRequest_status_endAt_idx" ON "LeaveRequest"("status", "endAt");

-- CreateIndex
CREATE INDEX "LeaveStep_status_activatedAt_idx" ON "LeaveStep"("status", "activatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "LeaveStep_requestId_index_key" ON "LeaveStep"("requestId", "index");

