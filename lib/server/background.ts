import { config } from "./config";
import { logger } from "./logger";

type Worker = { name: string; start: () => Promise<void> | void };
const workers: Worker[] = [];

/** Engine pieces register their background loops here (outbox retries, crash recovery). */
export function registerWorker(worker: Worker) {
  workers.push(worker);
}

export async function startBackgroundWork() {
  if (config().LEADFLOW_WORKER === "off") return;
  for (const worker of workers) {
    await worker.start();
    logger.info({ worker: worker.name }, "background worker started");
  }
}
