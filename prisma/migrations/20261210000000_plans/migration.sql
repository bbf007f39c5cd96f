-- CreateTable
CREATE TABLE "WeeklyPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "week" TEXT NOT NULL,
    "postedAt" DATETIME,
    "changedAt" DATETIME,
    "perfunctory" BOOLEAN NOT NULL DEFAULT false,
    "vagueness" TEXT,
    "resultsText" TEXT,
    "resultsAt" DATETIME,
    "carryAnswer" TEXT,
    "promptedAt" DATETIME,
    "remindedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PlanItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "carriedFromId" INTEGER,
    "meetingTaskId" INTEGER,
    "due" TEXT,
    "result" TEXT,
    "resultNote" TEXT,
    "resultAt" DATETIME,
    "revisionId" INTEGER,
    "addedAt" DATETIME NOT NULL,
    "removedAt" DATETIME,
    CONSTRAINT "PlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "WeeklyPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "mode" TEXT,
    "text" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "appliedAt" DATETIME,
    CONSTRAINT "PlanRevision_planId_fkey" FOREIGN KEY ("planId") REFERENCES "WeeklyPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingMinutes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER,
    "date" TEXT NOT NULL,
    "attendees" TEXT NOT NULL,
    "absent" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "decisions" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "supersededById" INTEGER
);

-- CreateTable
CREATE TABLE "MeetingTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "minutesId" INTEGER NOT NULL,
    "personId" INTEGER,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "due" TEXT,
    "week" TEXT NOT NULL,
    CONSTRAINT "MeetingTask_minutesId_fkey" FOREIGN KEY ("minutesId") REFERENCES "MeetingMinutes" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanSummary" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WeeklyPlan_communityId_week_idx" ON "WeeklyPlan"("communityId", "week");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyPlan_personId_week_key" ON "WeeklyPlan"("personId", "week");

-- CreateIndex
CREATE UNIQUE INDEX "PlanItem_carriedFromId_key" ON "PlanItem"("carriedFromId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanItem_meetingTaskId_key" ON "PlanItem"("meetingTaskId");

-- CreateIndex
CREATE INDEX "PlanItem_planId_idx" ON "PlanItem"("planId");

-- CreateIndex
CREATE INDEX "PlanRevision_planId_status_idx" ON "PlanRevision"("planId", "status");

-- CreateIndex
CREATE INDEX "MeetingMinutes_communityId_date_idx" ON "MeetingMinutes"("communityId", "date");

-- CreateIndex
CREATE INDEX "MeetingTask_minutesId_idx" ON "MeetingTask"("minutesId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanSummary_communityId_week_key" ON "PlanSummary"("communityId", "week");

