-- PostgreSQL twin of prisma/migrations/20261212000000_notices.
-- AlterTable
ALTER TABLE "Chat" ADD COLUMN     "unreachableAt" TIMESTAMP(3),
ADD COLUMN     "unreachableReason" TEXT;

-- CreateTable
CREATE TABLE "ChatTag" (
    "chatId" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "ChatTag_pkey" PRIMARY KEY ("chatId","tag")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
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
    "sendAt" TIMESTAMP(3),
    "releasedAt" TIMESTAMP(3),
    "progressPlatform" TEXT,
    "progressChatId" TEXT,
    "progressMessageId" TEXT,
    "progressAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "recallAt" TIMESTAMP(3),
    "recallReportedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "id" SERIAL NOT NULL,
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
    "sentAt" TIMESTAMP(3),
    "recallOutboxId" INTEGER,
    "recalledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeConfirmation" (
    "id" SERIAL NOT NULL,
    "noticeId" INTEGER NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "name" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticeConfirmation_pkey" PRIMARY KEY ("id")
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

