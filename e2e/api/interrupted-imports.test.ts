/**
 * CSV imports whose process died (a restart mid-import) are marked failed by the recovery that
 * every instance runs, instead of showing "running" forever; live imports are left alone.
 */
import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { failInterruptedImports } from "@/lib/store/admin/interrupted-imports";
import { signIn } from "./harness";
import { sql } from "./intake-fixtures";

describe("interrupted imports", () => {
  it("a running import silent for more than 10 minutes becomes failed with a clear message", async () => {
    const api = await signIn();
    const list = await api.post("/api/suppression-lists", { name: `Interrupted ${newId()}`, kind: "custom" });
    expect(list.status).toBe(201);
    const [stale, live, feedback] = [newId(), newId(), newId()];
    const old = sql.time(new Date(Date.now() - 60 * 60_000));
    const now = sql.time(new Date());
    for (const [id, at] of [[stale, old], [live, now]] as const) {
      await sql.run(`INSERT INTO "ListImport" ("id", "listId", "status", "total", "added", "rejected", "alreadyPresent", "createdAt", "updatedAt") VALUES (?, ?, 'running', 10, 4, 0, 0, ?, ?)`, [id, list.body.id, at, at]);
    }
    await sql.run(`INSERT INTO "FeedbackImport" ("id", "type", "status", "total", "succeeded", "failed", "createdAt", "updatedAt") VALUES (?, 'return', 'running', 3, 1, 0, ?, ?)`, [feedback, old, old]);

    expect(await failInterruptedImports()).toBeGreaterThanOrEqual(2);

    const staleJob = await api.get(`/api/suppression-lists/${list.body.id}/uploads/${stale}`);
    expect(staleJob.body).toMatchObject({ status: "failed", added: 4, error: expect.stringMatching(/^Interrupted/) });
    expect((await api.get(`/api/suppression-lists/${list.body.id}/uploads/${live}`)).body.status).toBe("running");
    const feedbackJob = await api.get(`/api/feedback/imports/${feedback}`);
    expect(feedbackJob.body).toMatchObject({ status: "failed", succeeded: 1, errors: [expect.objectContaining({ reason: expect.stringMatching(/^Interrupted/) })] });
  });
});
