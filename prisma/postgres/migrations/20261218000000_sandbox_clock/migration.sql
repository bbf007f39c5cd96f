-- PostgreSQL twin of prisma/migrations/20261218000000_sandbox_clock.
-- CreateTable
CREATE TABLE "SandboxClock" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL,
    "frozen" BOOLEAN NOT NULL,

    CONSTRAINT "SandboxClock_pkey" PRIMARY KEY ("id")
);

