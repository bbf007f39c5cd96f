-- AlterTable
ALTER TABLE "Chat" ADD COLUMN "unreachableAt" DATETIME;
ALTER TABLE "Chat" ADD COLUMN "unreachableReason" TEXT;

-- CreateTable
CREATE TABLE "ChatTag" (
    "chatId" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("chatId", "tag")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "communityId" INTEGER,
    "streetId" INTEGER,
    "category" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "publisherId" INTEGER NOT NULL,
    "publisherName" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "audienceLabel" TEXT NOT NULL,
    "extraPurposes" TEXT NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL DEFAULT 'notice',
    "alertId" INTEGER,
    "askConfirm" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "sendAt" DATETIME,
    "releasedAt" DATETIME,
    "progressPlatform" TEXT,
    "progressChatId" TEXT,
    "progressMessageId" TEXT,
    "progressAt" DATETIME,
    "finishedAt" DATETIME,
    "cancelledAt" DATETIME,
    "recallAt" DATETIME,
    "recallReportedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "noticeId" INTEGER NOT NULL,
    "chatId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "platformChatId" TEXT NOT NULL,
    "title" TEXT,
    "purpose" TEXT NOT NULL,
    "outboxId" INTEGER,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "platformMessageId" TEXT,
    "sentAt" DATETIME,
    "recallOutboxId" INTEGER,
    "recalledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NoticeConfirmation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "noticeId" INTEGER NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "name" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ChatTag_tag_idx" ON "ChatTag"("tag");

-- CreateIndex
CREATE INDEX "Notice_communityId_category_createdAt_idx" ON "Notice"("communityId", "category", "createdAt");

-- CreateIndex
CREATE INDEX "Notice_status_sendAt_idx" ON "Notice"("status", "sendAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_outboxId_key" ON "NoticeDelivery"("outboxId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_recallOutboxId_key" ON "NoticeDelivery"("recallOutboxId");

-- CreateIndex
CREATE INDEX "NoticeDelivery_noticeId_status_idx" ON "NoticeDelivery"("noticeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_noticeId_chatId_key" ON "NoticeDelivery"("noticeId", "chatId");

-- CreateIndex
CREATE INDEX "NoticeConfirmation_noticeId_idx" ON "NoticeConfirmation"("noticeId");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeConfirmation_deliveryId_platformUserId_key" ON "NoticeConfirmation"("deliveryId", "platformUserId");

