import { rm } from "node:fs/promises";
import { withApi, readQuery } from "@/lib/server/api";
import { suppressionUploadQuerySchema } from "@/lib/schemas/suppression-list";
import { receiveCsvUpload, startListImport } from "@/lib/store/admin/list-imports";
import { requireList } from "@/lib/store/admin/suppression-lists";
import { idempotent } from "@/lib/store/admin/idempotency";

/** The one non-JSON body of the admin API: a CSV (text/csv or multipart), imported asynchronously. */
export const POST = withApi<{ id: string }>({ role: "editor" }, async (ctx) => {
  const query = readQuery(ctx.request, suppressionUploadQuerySchema);
  await requireList(ctx.params.id);
  const upload = await receiveCsvUpload(ctx.request);
  let started = false;
  try {
    // The body was hashed while it was spooled, so idempotency needs no second copy of it.
    return await idempotent(
      ctx,
      async () => {
        started = true;
        return Response.json(await startListImport(ctx.params.id, upload, query), { status: 202 });
      },
      { bodyHash: upload.sha256 },
    );
  } finally {
    if (!started) await rm(upload.file, { force: true });
  }
});
