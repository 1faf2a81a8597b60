import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { participants } from '../features/participants/participants.table';
import { createTestApp, type TestApp } from '../testing/harness';
import { seedDemo } from './seed';

/**
 * The demo is seeded relative to the moment `npm start` runs, so it must seed at any hour of any
 * day. These instants sit a few weeks after daylight-saving changes in the demo's time zone
 * (America/New_York), at hours where the local date and the UTC date differ: the kind of moment
 * that once made two practice-log days fall on one local date and stopped the server starting.
 */
describe('the demo program', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  for (const at of ['2026-11-27T04:40:00Z', '2026-11-27T23:30:00Z', '2026-03-30T03:30:00Z']) {
    it(`seeds when started at ${at}`, async () => {
      t = await createTestApp();
      const { programId } = await seedDemo(t.db.db, new Date(at));
      expect(programId).toMatch(/^[0-9a-f-]{36}$/);
    });
  }

  it('has one participant who chose Spanish, so what Kindred sends in Spanish can be seen (issue #16)', async () => {
    t = await createTestApp();
    const { programId } = await seedDemo(t.db.db, new Date('2026-03-02T15:00:00Z'));
    const rows = await t.db.db
      .select({ locale: participants.locale, personId: participants.personId })
      .from(participants)
      .where(eq(participants.programId, programId));
    expect(rows.filter((r) => r.locale === 'es')).toHaveLength(1);
    // The demo participant's own account stays in English, as the demo's walk-through shows it.
    expect(rows.find((r) => r.personId !== null)?.locale).toBe('en');
  });
});
