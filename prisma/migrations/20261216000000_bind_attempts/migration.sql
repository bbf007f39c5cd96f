-- CreateTable
CREATE TABLE "BindAttempts" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "since" DATETIME NOT NULL,
    "lockouts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME
);

-- AlterTable (a column with a constant default: added in place, the outbox is not copied)
ALTER TABLE "OutboxMessage" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0;
