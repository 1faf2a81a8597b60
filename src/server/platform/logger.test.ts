import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { loggableError } from './logger';

describe('loggableError', () => {
  it('keeps the message of an ordinary error', () => {
    expect(loggableError(new TypeError('x is not a function'))).toMatchObject({
      type: 'TypeError',
      message: 'x is not a function',
    });
  });

  it('drops the message of a database error, which can quote the value, keeping the SQLSTATE and frames', () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "jane.doe@example.org"'), {
      code: '22P02',
      severity: 'ERROR',
    });
    const logged = loggableError(err);
    expect(logged).toMatchObject({ type: 'Error', sqlState: '22P02' });
    expect(JSON.stringify(logged)).not.toContain('jane.doe');
    expect(String(logged.stack)).toMatch(/^\s*at /);
  });

  it('drops the parameters Drizzle quotes in a failed query, keeping the statement and the SQLSTATE', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      severity: 'ERROR',
    });
    const err = new DrizzleQueryError('insert into "participants" ("given_name") values ($1)', ['Jane Doe'], cause);
    const logged = loggableError(err);
    expect(logged).toMatchObject({ sqlState: '23505', query: 'insert into "participants" ("given_name") values ($1)' });
    expect(JSON.stringify(logged)).not.toContain('Jane');
  });
});
