-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastLoginAt" DATETIME;

-- AlterTable
ALTER TABLE "Flow" ADD COLUMN "deployedAt" DATETIME;

-- CreateTable
CREATE TABLE "FeedbackImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ListImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "listId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "alreadyPresent" INTEGER NOT NULL DEFAULT 0,
    "invalidSample" JSONB,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ListImport_listId_fkey" FOREIGN KEY ("listId") REFERENCES "SuppressionList" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ListImport" ("added", "createdAt", "error", "finishedAt", "id", "listId", "rejected", "status", "total") SELECT "added", "createdAt", "error", "finishedAt", "id", "listId", "rejected", "status", "total" FROM "ListImport";
DROP TABLE "ListImport";
ALTER TABLE "new_ListImport" RENAME TO "ListImport";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
