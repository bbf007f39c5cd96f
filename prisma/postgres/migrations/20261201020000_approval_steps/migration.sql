-- PostgreSQL twin of prisma/migrations/20261201020000_approval_steps.
-- Leave steps become the approval steps every family shares (kind "leave"); rows are kept.
-- Written by hand: the generated twin dropped "LeaveStep" without copying it.
-- CreateTable
CREATE TABLE "ApprovalStep" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "role" TEXT,
    "approverId" INTEGER,
    "status" TEXT NOT NULL,
    "activatedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "actedAt" TIMESTAMP(3),
    "actedById" INTEGER,
    "comment" TEXT,

    CONSTRAINT "ApprovalStep_pkey" PRIMARY KEY ("id")
);

INSERT INTO "ApprovalStep" ("id", "kind", "requestId", "index", "role", "approverId", "status", "activatedAt", "remindedAt", "escalatedAt", "actedAt", "actedById", "comment")
SELECT "id", 'leave', "requestId", "index", "role", "approverId", "status", "activatedAt", "remindedAt", "escalatedAt", "actedAt", "actedById", "comment" FROM "LeaveStep";

-- The copied ids were given, not drawn: the sequence goes on after them.
SELECT setval(pg_get_serial_sequence('"ApprovalStep"', 'id'), COALESCE((SELECT MAX("id") FROM "ApprovalStep"), 0) + 1, false);

-- DropForeignKey
ALTER TABLE "LeaveStep" DROP CONSTRAINT "LeaveStep_requestId_fkey";

-- DropTable
DROP TABLE "LeaveStep";

-- CreateIndex
CREATE INDEX "ApprovalStep_status_activatedAt_idx" ON "ApprovalStep"("status", "activatedAt");

-- CreateIndex
CREATE INDEX "ApprovalStep_approverId_status_idx" ON "ApprovalStep"("approverId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStep_kind_requestId_index_key" ON "ApprovalStep"("kind", "requestId", "index");
