-- CreateTable
CREATE TABLE "SenderLease" (
    "platform" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "until" DATETIME NOT NULL
);

