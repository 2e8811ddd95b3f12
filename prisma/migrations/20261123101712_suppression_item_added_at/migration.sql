-- CreateIndex
CREATE INDEX "SuppressionItem_listId_addedAt_idx" ON "SuppressionItem"("listId", "addedAt");
