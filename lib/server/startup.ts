import { config } from "./config";
import { registerWorker, startBackgroundWork } from "./background";

/**
 * Refuses to start on a bad configuration (the message names the variable), then starts the
 * background workers of this instance.
 */
export async function startServer() {
  try {
    config();
  } catch (err) {
    console.error(`Leadflow cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const { startOutboxWorker } = await import("@/lib/store/outbox/worker");
  registerWorker({ name: "outbox", start: () => void startOutboxWorker() });
  await startBackgroundWork();
}
