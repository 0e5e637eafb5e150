/** Runs fn with the URL of a throw-away PostgreSQL cluster, then stops and removes it. */
export function withPostgres<T>(fn: (url: string) => Promise<T>, log?: (message: string) => void): Promise<T>;
/** Debian's newest installed PostgreSQL bin directory, or null. */
export function pgBinDir(): string | null;
