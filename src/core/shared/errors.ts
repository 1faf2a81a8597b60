/** The few ways a use case can refuse. `http/` maps them to status codes; nothing below it knows HTTP. */
export type DomainErrorCode = 'not_found' | 'forbidden' | 'conflict' | 'invalid_state' | 'unauthenticated' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** A stable machine-readable reason, e.g. `coach_at_capacity`. Never personal data. */
    readonly reason?: string,
    message?: string,
    /** For `rate_limited`: seconds before trying again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message ?? reason ?? code);
    this.name = 'DomainError';
  }
}

export const notFound = (): DomainError => new DomainError('not_found', undefined, 'Not found');
