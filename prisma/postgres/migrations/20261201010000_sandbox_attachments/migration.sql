-- PostgreSQL twin of prisma/migrations/20261201010000_sandbox_attachments.
-- AlterTable
ALTER TABLE "SandboxMessage" ADD COLUMN     "attachments" TEXT,
ADD COLUMN     "location" TEXT,
ADD COLUMN     "recalledAt" TIMESTAMP(3);

