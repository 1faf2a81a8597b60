/** The few ways a use case can refuse. `http/` maps them to status codes; nothing below it knows HTTP. */
export type DomainErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'invalid_state'
  | 'unauthenticated'
  | 'rate_limited'
  /** Something that existed and is no longer usable (an expired or replaced link). */
  | 'gone'
  /** A file that cannot be used, with every problem found (`InvalidFile`). */
  | 'invalid_file'
  /** A body larger than the route accepts (a recording over the configured size). */
  | 'too_large'
  /** A body of a kind the route does not take (a file that is not audio). */
  | 'unsupported_media_type';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** A stable machine-readable reason, e.g. `coach_at_capacity`. Never personal data. */
    readonly reason?: string,
    message?: string,
    /** For `rate_limited`: seconds before trying again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
    /**
     * Extra fields of the error body the caller needs to act (the problems in a file, the likely
     * duplicates to check). Shown only to the caller who may see them; never logged.
     */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message ?? reason ?? code);
    this.name = 'DomainError';
  }
}

export const notFound = (): DomainError => new DomainError('not_found', undefined, 'Not found');

/** One problem in a file, and where it is (a line, an item, a field). */
export interface FileProblem {
  where: string;
  message: string;
}

/** A file that cannot be imported: every problem, and nothing stored. */
export class InvalidFile extends DomainError {
  constructor(readonly problems: readonly FileProblem[]) {
    super('invalid_file', undefined, 'The file cannot be used; nothing was changed', undefined, {
      problems: problems.map((p) => ({ where: p.where, message: p.message })),
      // The same problems in the shape of every error body's `fields`, for clients that read those.
      fields: problems.map((p) => ({ path: p.where, message: p.message })),
    });
    this.name = 'InvalidFile';
  }
}
