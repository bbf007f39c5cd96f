-- PostgreSQL twin of prisma/migrations/20261210000000_plans.
-- CreateTable
CREATE TABLE "WeeklyPlan" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "week" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3),
    "changedAt" TIMESTAMP(3),
    "perfunctory" BOOLEAN NOT NULL DEFAULT false,
    "vagueness" TEXT,
    "resultsText" TEXT,
    "resultsAt" TIMESTAMP(3),
    "carryAnswer" TEXT,
    "promptedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WeeklyPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanItem" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "carriedFromId" INTEGER,
    "meetingTaskId" INTEGER,
    "due" TEXT,
    "result" TEXT,
    "resultNote" TEXT,
    "resultAt" TIMESTAMP(3),
    "revisionId" INTEGER,
    "addedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "PlanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanRevision" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "mode" TEXT,
    "text" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "PlanRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingMinutes" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER,
    "date" TEXT NOT NULL,
    "attendees" TEXT NOT NULL,
    "absent" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "decisions" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "supersededById" INTEGER,

    CONSTRAINT "MeetingMinutes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingTask" (
    "id" SERIAL NOT NULL,
    "minutesId" INTEGER NOT NULL,
    "personId" INTEGER,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "due" TEXT,
    "week" TEXT NOT NULL,

    CONSTRAINT "MeetingTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanSummary" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanSummary_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "WeeklyPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanRevision" ADD CONSTRAINT "PlanRevision_planId_fkey" FOREIGN KEY ("planId") REFERENCES "WeeklyPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingTask" ADD CONSTRAINT "MeetingTask_minutesId_fkey" FOREIGN KEY ("minutesId") REFERENCES "MeetingMinutes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

