/**
 * Runs tasks that share a key one after another, in arrival order (tasks with other keys run
 * freely). Feedback for one lead is serialized this way so that two identical reports arriving
 * together never both pass the duplicate checks and never both call the source (06 §5.4–5.5).
 */
const tails = new Map<string, Promise<void>>();

export function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  // The map only holds keys with work queued: the last task of a key removes it.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
