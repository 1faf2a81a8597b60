import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new random UUID (v4) for a row. */
export const newId = (): string => randomUUID();

/** A 256-bit random token, URL-safe, for sessions and one-time links. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256, so a database leak does not leak live sessions or links. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
