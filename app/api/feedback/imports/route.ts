import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { withApi } from "@/lib/server/api";
import { idempotent } from "@/lib/store/admin/idempotency";
import { receiveFeedbackImport, startFeedbackImport } from "@/lib/store/feedback/feedback-imports";

/** A CSV of feedback (multipart), processed in the background: 202 with the job (06 §5.6). */
export const POST = withApi({ role: "editor" }, async (ctx) => {
  const { upload, fields } = await receiveFeedbackImport(ctx.request);
  let started = false;
  try {
    // The file was hashed while it was spooled; the settings are part of the request too.
    const bodyHash = createHash("sha256").update(`${upload.sha256}\n${JSON.stringify(fields)}`).digest("hex");
    return await idempotent(
      ctx,
      async () => {
        started = true;
        return Response.json(await startFeedbackImport(upload, fields, ctx.principal.email), { status: 202 });
      },
      { bodyHash },
    );
  } finally {
    if (!started) await rm(upload.file, { force: true });
  }
});
