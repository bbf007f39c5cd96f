-- CreateIndex
CREATE INDEX "OutboxMessage_platform_sentAt_idx" ON "OutboxMessage"("platform", "sentAt");

