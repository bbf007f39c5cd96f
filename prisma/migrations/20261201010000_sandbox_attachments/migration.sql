-- AlterTable
ALTER TABLE "SandboxMessage" ADD COLUMN "attachments" TEXT;
ALTER TABLE "SandboxMessage" ADD COLUMN "location" TEXT;
ALTER TABLE "SandboxMessage" ADD COLUMN "recalledAt" DATETIME;

