// Shared writer for BENCHMARKS.md: each benchmark owns one `<!-- section:name -->` block and
// replaces only that block, so benchmarks can be run separately without erasing each other.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Repo root: the nearest directory at or above the working directory holding package.json. */
function repoRoot(): string {
  let dir = process.cwd();
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const BENCHMARKS_FILE = path.join(repoRoot(), "BENCHMARKS.md");

const HEADER =
  "# Benchmarks\n\nNumbers written by the scripts in `bench/` (each owns one section). Compare ratios within " +
  "one run rather than absolute numbers across machines or days.\n";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Spin-wait lock so two benchmarks finishing together do not lose each other's section. */
function withLock<T>(file: string, fn: () => T): T {
  const lock = file + ".lock";
  const deadline = Date.now() + 10_000;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = fs.openSync(lock, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock older than the deadline window belongs to a crashed writer.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 10_000) fs.rmSync(lock, { force: true });
      } catch {
        /* vanished meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`could not lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Replace (or append) the `<!-- section:name -->…<!-- /section:name -->` block of BENCHMARKS.md
 * with `markdown`. `name` is a short identifier such as `rules` or `intake`.
 */
export function writeSection(name: string, markdown: string, file: string = BENCHMARKS_FILE): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`invalid section name "${name}"`);
  const open = `<!-- section:${name} -->`;
  const close = `<!-- /section:${name} -->`;
  const block = `${open}\n${markdown.trim()}\n${close}`;
  withLock(file, () => {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : HEADER;
    const re = new RegExp(`${escapeRegExp(open)}[\\s\\S]*?${escapeRegExp(close)}`);
    // A replacer function keeps `$` sequences in the markdown literal.
    const next = re.test(current) ? current.replace(re, () => block) : `${current.trimEnd()}\n\n${block}\n`;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, next);
    fs.renameSync(tmp, file);
  });
}

/** One-line description of the machine for a benchmark section. */
export function machineInfo(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? "unknown CPU";
  return (
    `${cpus.length} × ${model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `${os.platform()} ${os.release()}, Node ${process.version}, ${new Date().toISOString()}`
  );
}
