-- PostgreSQL twin of prisma/migrations/20261201000000_inbox_outcome.
-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "outcome" TEXT;

