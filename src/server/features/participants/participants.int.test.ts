import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type World } from '../../testing/harness';
import { pairings } from '../pairings/pairings.table';
import { participants } from './participants.table';
import { auditEvents } from '../../platform/audit.table';

describe('participants', () => {
  let t: TestApp;
  let w: World;
  let admin: Agent;
  let coordinator: Agent;
  let coach: Agent;
  let otherCoach: Agent;
  let participant: Agent;
  let evaluator: Agent;
  let outsider: Agent;
  let base: string;
  let pairingId: string;
  let elsewhere: { programId: string; participantId: string };

  let phones = 0;
  // Each new participant gets a phone of his or her own, so only the duplicate tests share one.
  const newParticipant = (o: Record<string, unknown> = {}) => ({
    givenName: 'Rita',
    familyName: 'Referral',
    gender: 'woman',
    painLocations: ['neck', 'shoulder'],
    phone: `317 555 ${String(400 + phones++).padStart(4, '0')}`,
    email: 'rita@example.org',
    canShareContact: true,
    referredOn: '2026-03-01',
    ...o,
  });
  const row = async (id: string) => (await t.db.db.select().from(participants).where(eq(participants.id, id)))[0]!;
  const count = async () => (await t.db.db.select().from(participants)).length;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    base = `/programs/${w.programId}`;
    [admin, coordinator, coach, otherCoach, participant, evaluator, outsider] = await Promise.all([
      t.login('admin@test.org'),
      t.login('coordinator@test.org'),
      t.login('coach@test.org'),
      t.login('coach2@test.org'),
      t.login('participant@test.org'),
      t.login('evaluator@test.org'),
      t.login('outsider@test.org'),
    ]);
    const paired = await coordinator.request('POST', `${base}/pairings`, { participantId: w.participantId, coachId: w.coachId });
    expect(paired.status).toBe(201);
    pairingId = paired.body.id;
    const program = await admin.request('POST', '/programs', { name: 'Elsewhere', site: 'Far', startOn: '2026-03-01' });
    const other = await admin.request(
      'POST',
      `/programs/${program.body.id}/participants`,
      newParticipant({ givenName: 'Elsie' }),
    );
    expect(other.status).toBe(201);
    elsewhere = { programId: program.body.id, participantId: other.body.id };
  });
  afterAll(() => t.close());

  describe('listing', () => {
    it('shows staff every participant in full', async () => {
      const res = await coordinator.request('GET', `${base}/participants`);
      expect(res.status).toBe(200);
      // Ordered by family name: Quinn Other, Pat Person.
      expect(res.body.map((p: { id: string; view: string }) => [p.id, p.view])).toEqual([
        [w.otherParticipantId, 'full'],
        [w.participantId, 'full'],
      ]);
      expect(res.body[1]).toMatchObject({
        givenName: 'Pat',
        status: 'active',
        coach: { id: w.coachId, name: 'Carl Coach' },
        pairState: 'on_track',
      });
    });

    it('filters by status', async () => {
      const res = await coordinator.request('GET', `${base}/participants?status=enrolled`);
      expect(res.body.map((p: { id: string }) => p.id)).toEqual([w.otherParticipantId]);
      expect((await coordinator.request('GET', `${base}/participants?status=lost`)).status).toBe(400);
    });

    it('shows a coach only his or her own participants, in the coaching view', async () => {
      const res = await coach.request('GET', `${base}/participants`);
      expect(res.status).toBe(200);
      expect(res.body.map((p: { id: string; view: string }) => [p.id, p.view])).toEqual([[w.participantId, 'coaching']]);
      expect((await otherCoach.request('GET', `${base}/participants`)).body).toEqual([]);
    });

    it('gives evaluators pseudonymous records: no name and no contact details', async () => {
      const res = await evaluator.request('GET', `${base}/participants`);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(2);
      for (const p of res.body) {
        expect(p.view).toBe('pseudonymous');
        expect(p.code).toMatch(/^P-\d{4}$/);
        for (const key of ['givenName', 'familyName', 'phone', 'email', 'contactNotes', 'coach'])
          expect(Object.keys(p)).not.toContain(key);
      }
      const text = JSON.stringify(res.body);
      for (const s of ['Pat', 'Person', 'Quinn', '317 555', 'participant@test.org', 'Carl']) expect(text).not.toContain(s);
      const one = await evaluator.request('GET', `${base}/participants/${w.participantId}`);
      expect(one.status).toBe(200);
      expect(one.body.view).toBe('pseudonymous');
      expect(one.body).not.toHaveProperty('givenName');
      expect(one.body.coachId).toBe(w.coachId);
    });

    it('refuses the list to a participant (403) and to an outsider (404)', async () => {
      expect((await participant.request('GET', `${base}/participants`)).status).toBe(403);
      expect((await outsider.request('GET', `${base}/participants`)).status).toBe(404);
    });
  });

  describe('reading one', () => {
    it('shows a participant his or her own record and nobody else’s', async () => {
      const own = await participant.request('GET', `${base}/participants/${w.participantId}`);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        view: 'self',
        givenName: 'Pat',
        coach: { id: w.coachId, name: 'Carl Coach', phone: '317 555 0100' },
      });
      expect(own.body).not.toHaveProperty('gender');
      expect((await participant.request('GET', `${base}/participants/${w.otherParticipantId}`)).status).toBe(404);
    });

    it('shows a coach what coaching needs, and contact details only with permission', async () => {
      const withPermission = await coach.request('GET', `${base}/participants/${w.participantId}`);
      expect(withPermission.status).toBe(200);
      expect(Object.keys(withPermission.body).sort()).toEqual(
        [
          'view',
          'id',
          'code',
          'status',
          'givenName',
          'familyName',
          'painLocations',
          'preferredModality',
          'preferredChannel',
          'preferredTimes',
          'contactNotes',
          'preferredDays',
          'notBefore',
          'notAfter',
          'contactPausedUntil',
          'phone',
          'email',
          'coach',
          'pairedAt',
          'lastReachedAt',
          'reachedCount',
          'attemptCount',
          'pairState',
          'nextContactDueOn',
          'nextContactBasis',
        ].sort(),
      );
      expect(withPermission.body).toMatchObject({
        view: 'coaching',
        phone: '317 555 0200',
        email: 'participant@test.org',
        nextContactDueOn: '2026-03-05',
      });

      expect(
        (await coordinator.request('PATCH', `${base}/participants/${w.participantId}`, { canShareContact: false })).status,
      ).toBe(200);
      const without = await coach.request('GET', `${base}/participants/${w.participantId}`);
      expect(without.body).toMatchObject({ view: 'coaching', givenName: 'Pat', phone: null, email: null });
      expect(JSON.stringify(without.body)).not.toContain('317 555 0200');
      expect((await coach.request('GET', `${base}/participants`)).body[0]).toMatchObject({ phone: null, email: null });
      // Staff still see the details; the coach's view is what changed.
      expect((await coordinator.request('GET', `${base}/participants/${w.participantId}`)).body.phone).toBe('317 555 0200');
      await coordinator.request('PATCH', `${base}/participants/${w.participantId}`, { canShareContact: true });
    });

    it('answers 404 for participants out of reach: another coach’s, another program’s, unknown ones', async () => {
      expect((await otherCoach.request('GET', `${base}/participants/${w.participantId}`)).status).toBe(404);
      expect((await coach.request('GET', `${base}/participants/${w.otherParticipantId}`)).status).toBe(404);
      expect((await outsider.request('GET', `${base}/participants/${w.participantId}`)).status).toBe(404);
      expect((await coordinator.request('GET', `${base}/participants/${elsewhere.participantId}`)).status).toBe(404);
      expect(
        (await coordinator.request('GET', `/programs/${elsewhere.programId}/participants/${elsewhere.participantId}`)).status,
      ).toBe(404);
      expect((await coordinator.request('GET', `${base}/participants/${randomUUID()}`)).status).toBe(404);
    });
  });

  describe('creating and editing', () => {
    it('lets staff add a participant with the next pseudonymous code', async () => {
      const res = await coordinator.request('POST', `${base}/participants`, newParticipant({ phone: '317 555 0300' }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        view: 'full',
        code: 'P-0003',
        status: 'referred',
        givenName: 'Rita',
        enrolledOn: null,
        genderMatters: true,
        coach: null,
      });
      expect(await row(res.body.id)).toMatchObject({
        programId: w.programId,
        familyName: 'Referral',
        phone: '317 555 0300',
        email: 'rita@example.org',
      });
      const enrolled = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ givenName: 'Ella', status: 'enrolled' }),
      );
      expect(enrolled.body).toMatchObject({ code: 'P-0004', status: 'enrolled', enrolledOn: '2026-03-02' });
    });

    it('refuses creation to a coach, an evaluator, a participant (403) and an outsider (404), adding nothing', async () => {
      const before = await count();
      for (const agent of [coach, evaluator, participant])
        expect((await agent.request('POST', `${base}/participants`, newParticipant())).status).toBe(403);
      expect((await outsider.request('POST', `${base}/participants`, newParticipant())).status).toBe(404);
      expect(await count()).toBe(before);
    });

    it('rejects bad input naming the fields, adding nothing', async () => {
      const before = await count();
      const res = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ familyName: undefined, phone: 'call me maybe', painLocations: [] }),
      );
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
        'body.familyName',
        'body.painLocations',
        'body.phone',
      ]);
      // Plain words at the edge (issues #10, #16): no schema-library jargon reaches the form; the
      // schema's own words where it has them, the same the form shows before sending (ADR 0054).
      expect(res.body.message).toBe('Some answers need attention.');
      const byPath = Object.fromEntries(res.body.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
      expect(byPath).toMatchObject({
        'body.familyName': 'Enter the family name',
        'body.painLocations': 'Choose at least one place where it hurts',
      });
      for (const m of Object.values(byPath)) expect(m).not.toMatch(/>=|<=|expected|string|enum|invalid input/i);
      expect(JSON.stringify(res.body)).not.toContain('call me maybe');
      expect(await count()).toBe(before);
    });

    it('refuses dates in the future and impossible birth years in plain words, adding nothing', async () => {
      const before = await count();
      const future = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ givenName: 'Fay', referredOn: '2031-01-01' }),
      );
      expect([future.status, future.body.reason]).toEqual([422, 'date_in_future']);
      expect(future.body.message).toBe('The referral date cannot be after today.');
      const born = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ givenName: 'Fay', birthYear: 2031 }),
      );
      expect([born.status, born.body.reason]).toEqual([422, 'date_in_future']);
      expect(born.body.message).toBe('The year of birth cannot be after this year.');
      const unborn = await coordinator.request('PATCH', `${base}/participants/${w.otherParticipantId}`, { birthYear: 2031 });
      expect([unborn.status, unborn.body.reason]).toEqual([422, 'date_in_future']);
      expect(await count()).toBe(before);
      const today = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ givenName: 'Fay', referredOn: '2026-03-02' }),
      );
      expect(today.status).toBe(201);
    });

    it('warns of a likely duplicate by name and birth year, or by phone, and adds it only when confirmed', async () => {
      const jose = { givenName: 'José', familyName: 'García', birthYear: 1961, phone: '317 555 0900' };
      expect((await coordinator.request('POST', `${base}/participants`, newParticipant(jose))).status).toBe(201);
      const before = await count();
      // The same name written without accents, in capitals, with another phone: same person?
      const byName = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ givenName: 'JOSE', familyName: 'Garcia ', birthYear: 1961 }),
      );
      expect([byName.status, byName.body.reason]).toEqual([409, 'likely_duplicate']);
      expect(byName.body.message).toBe(
        'This may be someone already in the program. Check the list, then add anyway if it is a different person.',
      );
      expect(byName.body.matches).toEqual([
        expect.objectContaining({
          code: expect.stringMatching(/^P-/),
          name: 'José García',
          birthYear: 1961,
          matchedOn: ['name'],
        }),
      ]);
      expect(JSON.stringify(byName.body)).not.toContain('317 555');
      // Another phone number written differently: the same digits.
      const byPhone = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ givenName: 'Joe', familyName: 'Garcia', birthYear: 1975, phone: '(317) 555-0900' }),
      );
      expect([byPhone.status, byPhone.body.matches?.[0]?.matchedOn]).toEqual([409, ['phone']]);
      // Another birth year and another phone: a different person, added without a word.
      const other = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ givenName: 'Jose', familyName: 'Garcia', birthYear: 1990 }),
      );
      expect(other.status).toBe(201);
      // A duplicate in another program is not this program's business.
      const elsewhereToo = await admin.request(
        'POST',
        `/programs/${elsewhere.programId}/participants`,
        newParticipant({ ...jose }),
      );
      expect(elsewhereToo.status).toBe(201);
      expect(await count()).toBe(before + 2);
      const confirmed = await coordinator.request(
        'POST',
        `${base}/participants`,
        newParticipant({ givenName: 'JOSE', familyName: 'Garcia', birthYear: 1961, confirmDuplicate: true }),
      );
      expect(confirmed.status).toBe(201);
      expect(await count()).toBe(before + 3);
    });

    it('changes only the fields a PATCH sends', async () => {
      const before = await row(w.otherParticipantId);
      const res = await coordinator.request('PATCH', `${base}/participants/${w.otherParticipantId}`, {
        contactNotes: 'Best after lunch',
      });
      expect(res.status).toBe(200);
      const after = await row(w.otherParticipantId);
      expect(after).toEqual({ ...before, contactNotes: 'Best after lunch', updatedAt: after.updatedAt });
      expect(after).toMatchObject({
        canShareContact: true,
        phone: '317 555 0201',
        preferredTimes: ['morning'],
        genderMatters: true,
      });
    });

    it('lets participants change their own preferences, and nobody else’s', async () => {
      const res = await participant.request('PUT', `${base}/participants/${w.participantId}/preferences`, {
        preferredTimes: ['evening'],
        contactNotes: 'Text first',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ view: 'self', preferredTimes: ['evening'], contactNotes: 'Text first' });
      expect(await row(w.participantId)).toMatchObject({
        preferredTimes: ['evening'],
        phone: '317 555 0200',
        canShareContact: true,
      });

      const before = await row(w.otherParticipantId);
      expect(
        (await participant.request('PUT', `${base}/participants/${w.otherParticipantId}/preferences`, { contactNotes: 'x' }))
          .status,
      ).toBe(404);
      expect(
        (await coach.request('PUT', `${base}/participants/${w.participantId}/preferences`, { contactNotes: 'x' })).status,
      ).toBe(404);
      // A participant may not edit the staff fields of his or her own record.
      expect(
        (await participant.request('PATCH', `${base}/participants/${w.participantId}`, { givenName: 'Patricia' })).status,
      ).toBe(404);
      const bad = await participant.request('PUT', `${base}/participants/${w.participantId}/preferences`, {
        preferredTimes: ['midnight'],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.fields[0].path).toMatch(/^body\.preferredTimes/);
      expect(await row(w.otherParticipantId)).toEqual(before);
      expect((await row(w.participantId)).givenName).toBe('Pat');
    });
    it('keeps the participant’s language (ADR 0041): chosen by the participant or staff, in the session, audited', async () => {
      expect((await participant.request('GET', '/session')).body.me.locale).toBe('en');
      expect((await coordinator.request('GET', '/session')).body.me.locale).toBe('en');
      const res = await participant.request('PUT', `${base}/participants/${w.participantId}/preferences`, { locale: 'es' });
      expect([res.status, res.body.locale]).toEqual([200, 'es']);
      expect((await row(w.participantId)).locale).toBe('es');
      expect((await participant.request('GET', '/session')).body.me.locale).toBe('es');
      const events = await t.db.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.requestId, res.headers['x-request-id'] as string));
      expect(events.map((e) => [e.action, e.entityId])).toEqual([['participant:update', w.participantId]]);
      // Only the two languages Kindred speaks; a refusal changes nothing.
      const bad = await participant.request('PUT', `${base}/participants/${w.participantId}/preferences`, { locale: 'fr' });
      expect([bad.status, bad.body.fields[0].path]).toEqual([400, 'body.locale']);
      expect((await row(w.participantId)).locale).toBe('es');
      const byStaff = await coordinator.request('PATCH', `${base}/participants/${w.participantId}`, { locale: 'en' });
      expect([byStaff.status, byStaff.body.locale]).toEqual([200, 'en']);
      expect((await participant.request('GET', '/session')).body.me.locale).toBe('en');
    });
  });

  describe('status changes', () => {
    const status = (id: string, body: object, agent = coordinator) =>
      agent.request('POST', `${base}/participants/${id}/status`, body);

    it('enrols a referred participant, and completes one', async () => {
      const created = await coordinator.request('POST', `${base}/participants`, newParticipant({ givenName: 'Stan' }));
      const enrolled = await status(created.body.id, { status: 'enrolled', on: '2026-03-02' });
      expect(enrolled.status).toBe(200);
      expect(enrolled.body).toMatchObject({ status: 'enrolled', enrolledOn: '2026-03-02' });
      const completed = await status(created.body.id, { status: 'completed', on: '2026-03-02' });
      expect(completed.body).toMatchObject({ status: 'completed', endedOn: '2026-03-02' });
    });

    it('refuses a status change dated after today, changing nothing', async () => {
      const created = await coordinator.request('POST', `${base}/participants`, newParticipant({ givenName: 'Tess' }));
      const res = await status(created.body.id, { status: 'enrolled', on: '2031-01-01' });
      expect([res.status, res.body.reason, res.body.message]).toEqual([
        422,
        'date_in_future',
        'The date of the change cannot be after today.',
      ]);
      expect(await row(created.body.id)).toMatchObject({ status: 'referred', enrolledOn: null });
    });

    it('refuses an invalid transition with 422 and changes nothing', async () => {
      const created = await coordinator.request('POST', `${base}/participants`, newParticipant({ givenName: 'Vic' }));
      const res = await status(created.body.id, { status: 'completed', on: '2026-03-02' });
      expect(res.status).toBe(422);
      expect(res.body.reason).toBe('status_change_not_allowed');
      expect(await row(created.body.id)).toMatchObject({ status: 'referred', endedOn: null });
    });

    it('needs a reason to withdraw, and refuses staff actions to others, changing nothing', async () => {
      const before = await row(w.participantId);
      const noReason = await status(w.participantId, { status: 'withdrawn', on: '2026-03-02' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.reason']);
      const badStatus = await status(w.participantId, { status: 'active', on: '2026-03-02' });
      expect(badStatus.status).toBe(400);
      const body = { status: 'withdrawn', on: '2026-03-02', reason: 'health' };
      // The coach can see the record but may not change its status; the policy hides it (404).
      expect((await status(w.participantId, body, coach)).status).toBe(404);
      expect((await status(w.participantId, body, evaluator)).status).toBe(404);
      expect((await status(w.participantId, body, outsider)).status).toBe(404);
      expect(await row(w.participantId)).toEqual(before);
    });

    it('withdraws a paired participant with a reason and ends the pairing', async () => {
      const res = await status(w.participantId, { status: 'withdrawn', on: '2026-03-02', reason: 'moved' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'withdrawn',
        withdrawalReason: 'moved',
        endedOn: '2026-03-02',
        coach: null,
        pairState: null,
      });
      const [pairing] = await t.db.db.select().from(pairings).where(eq(pairings.id, pairingId));
      expect(pairing).toMatchObject({ endReason: 'participant_withdrawn', endedAt: t.clock.now() });
      expect((await coach.request('GET', `${base}/participants`)).body).toEqual([]);
      expect((await coach.request('GET', `${base}/participants/${w.participantId}`)).status).toBe(404);
      const history = await coordinator.request('GET', `${base}/participants/${w.participantId}/pairings`);
      expect(history.body).toEqual([expect.objectContaining({ id: pairingId, endReason: 'participant_withdrawn' })]);
      const back = await status(w.participantId, { status: 'enrolled', on: '2026-03-03' });
      expect(back.status).toBe(422);
    });
  });
});
