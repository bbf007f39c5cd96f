-- PostgreSQL twin of prisma/migrations/20261216000000_incident_confidential.
-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "confidential" BOOLEAN NOT NULL DEFAULT false;

