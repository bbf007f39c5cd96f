-- DropIndex
DROP INDEX "Person_rosterKey_key";

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "officeId" TEXT;
ALTER TABLE "Person" ADD COLUMN "phoneKey" TEXT;

-- People imported before keep their rosterKey (now the name key, no longer unique). A mobile number
-- on file becomes their phoneKey as the import reads it (digits only, +86 / 0086 dropped), unless
-- two people share it: those stay matched by name until a roster gives each their own.
UPDATE "Person" SET "phoneKey" = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("phone", ' ', ''), '-', ''), '+', ''), '(', ''), ')', '') WHERE "phone" IS NOT NULL;
UPDATE "Person" SET "phoneKey" = SUBSTR("phoneKey", 3) WHERE LENGTH("phoneKey") = 13 AND "phoneKey" LIKE '861%';
UPDATE "Person" SET "phoneKey" = SUBSTR("phoneKey", 5) WHERE LENGTH("phoneKey") = 15 AND "phoneKey" LIKE '00861%';
UPDATE "Person" SET "phoneKey" = NULL WHERE NOT ("phoneKey" GLOB '1[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]');
UPDATE "Person" SET "phoneKey" = NULL WHERE "phoneKey" IN (SELECT "phoneKey" FROM "Person" GROUP BY "phoneKey" HAVING COUNT(*) > 1);

-- CreateTable
CREATE TABLE "RosterChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "personId" INTEGER,
    "subject" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "from" TEXT,
    "to" TEXT,
    "sourceFile" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "confirmed" BOOLEAN NOT NULL,
    CONSTRAINT "RosterChange_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RosterChange_personId_idx" ON "RosterChange"("personId");

-- CreateIndex
CREATE INDEX "RosterChange_at_idx" ON "RosterChange"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Person_phoneKey_key" ON "Person"("phoneKey");

-- CreateIndex
CREATE UNIQUE INDEX "Person_officeId_key" ON "Person"("officeId");

-- CreateIndex
CREATE INDEX "Person_rosterKey_idx" ON "Person"("rosterKey");

