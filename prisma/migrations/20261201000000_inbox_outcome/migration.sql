-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "outcome" TEXT;
