import { db } from "@/lib/store/prisma";

/** A running import saves its progress every few seconds; one silent this long has lost its process. */
const STALE_MS = 10 * 60_000;
const MESSAGE = "Interrupted: the server stopped while importing. Upload the file again; rows already imported are kept.";

/**
 * Marks CSV imports (suppression lists, feedback) whose process died as failed, so nobody waits
 * on a job that will never finish. Runs with the crash recovery of every instance.
 */
export async function failInterruptedImports(now = new Date()): Promise<number> {
  const where = { status: "running", updatedAt: { lt: new Date(now.getTime() - STALE_MS) } };
  const [lists, feedback] = await Promise.all([
    db().listImport.updateMany({ where, data: { status: "failed", error: MESSAGE, finishedAt: now } }),
    db().feedbackImport.updateMany({ where, data: { status: "failed", errors: [{ line: null, event_id: null, reason: MESSAGE }], finishedAt: now } }),
  ]);
  return lists.count + feedback.count;
}
