-- PostgreSQL twin of prisma/migrations/20261122050000_attendance.
-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "distanceMeters" INTEGER,
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION,
ADD COLUMN     "outsideGeofence" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AttendanceException" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "officeDate" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttendanceException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Whereabouts" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "communityId" INTEGER,
    "officeDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "returnAt" TEXT,
    "setAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Whereabouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceScore" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "setById" INTEGER NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttendanceScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttendanceException_personId_officeDate_idx" ON "AttendanceException"("personId", "officeDate");

-- CreateIndex
CREATE INDEX "AttendanceException_communityId_officeDate_idx" ON "AttendanceException"("communityId", "officeDate");

-- CreateIndex
CREATE INDEX "Whereabouts_communityId_officeDate_idx" ON "Whereabouts"("communityId", "officeDate");

-- CreateIndex
CREATE INDEX "Whereabouts_personId_officeDate_idx" ON "Whereabouts"("personId", "officeDate");

-- CreateIndex
CREATE INDEX "AttendanceScore_personId_month_idx" ON "AttendanceScore"("personId", "month");

-- AddForeignKey
ALTER TABLE "AttendanceException" ADD CONSTRAINT "AttendanceException_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceException" ADD CONSTRAINT "AttendanceException_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Whereabouts" ADD CONSTRAINT "Whereabouts_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceScore" ADD CONSTRAINT "AttendanceScore_setById_fkey" FOREIGN KEY ("setById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceScore" ADD CONSTRAINT "AttendanceScore_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

