-- Leave steps become the approval steps every family shares (kind "leave"); rows are kept.
-- CreateTable
CREATE TABLE "ApprovalStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "role" TEXT,
    "approverId" INTEGER,
    "status" TEXT NOT NULL,
    "activatedAt" DATETIME,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "actedAt" DATETIME,
    "actedById" INTEGER,
    "comment" TEXT
);

INSERT INTO "ApprovalStep" ("id", "kind", "requestId", "index", "role", "approverId", "status", "activatedAt", "remindedAt", "escalatedAt", "actedAt", "actedById", "comment")
SELECT "id", 'leave', "requestId", "index", "role", "approverId", "status", "activatedAt", "remindedAt", "escalatedAt", "actedAt", "actedById", "comment" FROM "LeaveStep";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "LeaveStep";
PRAGMA foreign_keys=on;

-- CreateIndex
CREATE INDEX "ApprovalStep_status_activatedAt_idx" ON "ApprovalStep"("status", "activatedAt");

-- CreateIndex
CREATE INDEX "ApprovalStep_approverId_status_idx" ON "ApprovalStep"("approverId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStep_kind_requestId_index_key" ON "ApprovalStep"("kind", "requestId", "index");
