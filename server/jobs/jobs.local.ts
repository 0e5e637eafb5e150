/**
 * Jobs running in this process, by id: a cancel committed here reaches the handler at once instead of
 * at its runner's next heartbeat (on PGlite every job runs in the process that takes the cancel).
 * Jobs running in other instances still see it at their heartbeat.
 */
const checks = new Map<string, () => void>();

export function trackLocal(id: string, check: () => void): () => void {
  checks.set(id, check);
  return () => {
    if (checks.get(id) === check) checks.delete(id);
  };
}

/** Asks the local runner of a job (if any) to read its row now. */
export function pokeLocal(id: string): void {
  checks.get(id)?.();
}
