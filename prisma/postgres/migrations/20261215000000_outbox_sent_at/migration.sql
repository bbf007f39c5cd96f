-- PostgreSQL twin of prisma/migrations/20261215000000_outbox_sent_at.
-- CreateIndex
CREATE INDEX "OutboxMessage_platform_sentAt_idx" ON "OutboxMessage"("platform", "sentAt");

