-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lastLoginAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "deployedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ListImport" ADD COLUMN     "alreadyPresent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "invalidSample" JSONB;

-- CreateTable
CREATE TABLE "FeedbackImport" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "FeedbackImport_pkey" PRIMARY KEY ("id")
);
