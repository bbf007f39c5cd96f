-- PostgreSQL twin of prisma/migrations/20261216000000_question_once.
-- A message handled twice before this index may have filed two questions: the later ones keep
-- their rows under a message id of their own, so that the index can be built.
UPDATE "ResidentQuestion" SET "messageId" = "messageId" || '#' || CAST("id" AS TEXT)
WHERE "id" NOT IN (SELECT MIN("id") FROM "ResidentQuestion" GROUP BY "platform", "chatId", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "ResidentQuestion_platform_chatId_messageId_key" ON "ResidentQuestion"("platform", "chatId", "messageId");

