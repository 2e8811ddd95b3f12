// CSV feedback import (06 §5.6): one type per file, a column of event ids and an optional reason
// column. The upload is spooled and parsed exactly as suppression-list uploads are
// (lib/store/admin/list-imports: same size limit, same streaming parser); each row then goes
// through the same processing as the buyers' endpoint, recorded `via: "import"`. Progress and the
// first 1,000 refused rows are kept in the FeedbackImport row for GET …/imports/{id}.
import { rm } from "node:fs/promises";
import { feedbackReason } from "@/lib/engine/feedback";
import type { FeedbackImport } from "@/lib/generated/sqlite/client";
import { ID_PATTERN, newId } from "@/lib/ids";
import { feedbackImportFieldsSchema, type FeedbackImportFields } from "@/lib/schemas/feedback";
import { MAX_UPLOAD_BYTES } from "@/lib/schemas/suppression-list";
import { ApiError, notFound, validationError, zodIssues } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { firstRows, parseInChunks, spool, stripBom, tooLarge, type Upload } from "@/lib/store/admin/list-imports";
import { db } from "@/lib/store/prisma";
import { findFeedbackTarget, recordFeedback } from "./record-feedback";

/** Refused rows kept for the job's `errors` (the FeedbackImport column holds the first 1,000). */
const MAX_ERRORS = 1000;
/** Progress is written at most this often while a job runs. */
const SAVE_EVERY_MS = 1000;

type RowError = { line: number | null; event_id: string | null; reason: string };
type Layout = { header: boolean; eventId: number; reason: number | null };

function textField(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
}

/** Reads the multipart body of POST /api/feedback/imports: the settings, then the file spooled to disk. */
export async function receiveFeedbackImport(request: Request): Promise<{ upload: Upload; fields: FeedbackImportFields }> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "multipart/form-data") throw new ApiError("unsupported_media_type", "Send the CSV as the file field of a multipart/form-data body");
  if (Number(request.headers.get("content-length") ?? "0") > MAX_UPLOAD_BYTES + 64 * 1024) throw tooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ApiError("bad_request", "The multipart body could not be read");
  }
  const parsed = feedbackImportFieldsSchema.safeParse({
    type: textField(form, "type"),
    has_header: textField(form, "has_header"),
    event_id_column: textField(form, "event_id_column"),
    reason_column: textField(form, "reason_column"),
  });
  if (!parsed.success) throw validationError(zodIssues(parsed.error));
  const file = form.get("file");
  if (typeof file !== "object" || file === null || !("stream" in file)) throw validationError([{ path: "file", message: "attach the CSV as a file field named file" }]);
  if (file.size > MAX_UPLOAD_BYTES) throw tooLarge();
  return { upload: await spool(file.stream()), fields: parsed.data };
}

/** A column given as a 1-based number, or (with a header row) as a header name. */
async function layoutOf(file: string, fields: FeedbackImportFields): Promise<Layout> {
  const header = fields.has_header;
  const names = header ? ((await firstRows(file))[0] ?? []).map((c, i) => (i === 0 ? stripBom(c) : c).trim().toLowerCase()) : [];
  const column = (spec: string, path: string): number => {
    if (/^\d+$/.test(spec)) {
      if (Number(spec) < 1) throw validationError([{ path, message: "columns are numbered from 1" }]);
      return Number(spec) - 1;
    }
    if (!header) throw validationError([{ path, message: "a column name needs a header row (has_header=true)" }]);
    const index = names.indexOf(spec.toLowerCase());
    if (index < 0) throw validationError([{ path, message: `no column named "${spec}" in the header row` }]);
    return index;
  };
  return {
    header,
    eventId: column(fields.event_id_column, "event_id_column"),
    reason: fields.reason_column === undefined ? null : column(fields.reason_column, "reason_column"),
  };
}

/** One row: null when the feedback succeeded, else why not (what the recipient would have been told). */
async function importRow(eventId: string, type: string, rawReason: string | undefined, user: string): Promise<string | null> {
  if (eventId === "") return "Missing event id";
  // Unknown ids store nothing, as on the buyers' endpoint (06 §5.3).
  const target = ID_PATTERN.test(eventId) ? await findFeedbackTarget(eventId) : null;
  if (!target) return "Not found";
  const { received } = await recordFeedback(target, { type, reason: feedbackReason(rawReason), via: "import", user });
  return received.outcome === "success" ? null : (received.reason ?? `Feedback ${received.outcome}`);
}

async function runFeedbackImport(jobId: string, file: string, layout: Layout, type: string, user: string) {
  const log = logger.child({ area: "feedback-import", jobId });
  const progress = { total: 0, succeeded: 0, failed: 0 };
  const errors: RowError[] = [];
  const save = (extra: { status?: string; finishedAt?: Date } = {}) =>
    db().feedbackImport.update({ where: { id: jobId }, data: { ...progress, errors, ...extra } });
  let record = 0;
  let savedAt = Date.now();
  try {
    await parseInChunks(file, async (rows) => {
      for (const row of rows) {
        record++;
        if (record === 1 && row.length) row[0] = stripBom(row[0]!);
        if (record === 1 && layout.header) continue;
        progress.total++;
        const eventId = (row[layout.eventId] ?? "").trim().toLowerCase();
        let refusal: string | null;
        try {
          refusal = await importRow(eventId, type, layout.reason === null ? undefined : row[layout.reason], user);
        } catch (err) {
          // A row that could not be stored does not stop the file; the next rows may well work.
          log.error({ err, line: record }, "feedback import row failed");
          refusal = "Internal error";
        }
        if (refusal === null) progress.succeeded++;
        else {
          progress.failed++;
          if (errors.length < MAX_ERRORS) errors.push({ line: record, event_id: eventId === "" ? null : eventId, reason: refusal });
        }
        if (Date.now() - savedAt >= SAVE_EVERY_MS) {
          await save();
          savedAt = Date.now();
        }
      }
    });
    await save({ status: "done", finishedAt: new Date() });
  } catch (err) {
    log.error({ err }, "feedback import failed");
    errors.push({ line: null, event_id: null, reason: "The file could not be read to the end" });
    await save({ status: "failed", finishedAt: new Date() }).catch(() => undefined);
  } finally {
    await rm(file, { force: true });
  }
}

function view(job: FeedbackImport) {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    total: job.total,
    succeeded: job.succeeded,
    failed: job.failed,
    errors: (job.errors as RowError[] | null) ?? [],
    created_by: job.createdBy,
    created_at: job.createdAt.toISOString(),
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}

/** Starts the job on an uploaded file, which it owns from here on (and deletes when done). */
export async function startFeedbackImport(upload: Upload, fields: FeedbackImportFields, user: string) {
  try {
    const layout = await layoutOf(upload.file, fields);
    const job = await db().feedbackImport.create({ data: { id: newId(), type: fields.type, status: "running", errors: [], createdBy: user } });
    void runFeedbackImport(job.id, upload.file, layout, fields.type, user);
    return view(job);
  } catch (err) {
    await rm(upload.file, { force: true });
    throw err;
  }
}

export async function getFeedbackImport(id: string) {
  const job = await db().feedbackImport.findUnique({ where: { id } });
  if (!job) throw notFound("Feedback import");
  return view(job);
}
