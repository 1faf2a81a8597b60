// Types for scripts/build-server.mjs (plain JavaScript, so that bin/kindred.mjs can run it before any TypeScript).
/** The current bundle's entry file when none of its inputs changed, else null. */
export function upToDateBundle(root?: string): string | null;
/** Builds a new bundle and makes it current; returns its entry file. */
export function buildServer(root?: string): Promise<string>;
/** An up-to-date bundle's entry file, built first if needed; null where none can be written. */
export function serverBundle(root?: string): Promise<string | null>;
