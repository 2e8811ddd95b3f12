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
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ListImport_listId_fkey" FOREIGN KEY ("listId") REFERENCES "SuppressionList" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ListImport" ("added", "alreadyPresent", "createdAt", "error", "finishedAt", "id", "invalidSample", "listId", "rejected", "status", "total") SELECT "added", "alreadyPresent", "createdAt", "error", "finishedAt", "id", "invalidSample", "listId", "rejected", "status", "total" FROM "ListImport";
DROP TABLE "ListImport";
ALTER TABLE "new_ListImport" RENAME TO "ListImport";
CREATE TABLE "new_FeedbackImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_FeedbackImport" ("createdAt", "createdBy", "errors", "failed", "finishedAt", "id", "status", "succeeded", "total", "type") SELECT "createdAt", "createdBy", "errors", "failed", "finishedAt", "id", "status", "succeeded", "total", "type" FROM "FeedbackImport";
DROP TABLE "FeedbackImport";
ALTER TABLE "new_FeedbackImport" RENAME TO "FeedbackImport";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
