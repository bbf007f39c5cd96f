-- PostgreSQL twin of prisma/migrations/20261214000000_sender_lease.
-- CreateTable
CREATE TABLE "SenderLease" (
    "platform" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SenderLease_pkey" PRIMARY KEY ("platform")
);

