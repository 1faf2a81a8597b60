import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp, type World } from '../testing/harness';

/**
 * A refused field carries a stable code and its numbers beside the English words, so the web can
 * say them in the participant's language (ADR 0051); a schema's own words carry a code only when they
 * are among the participant-facing ones (`wordedRefusals`).
 */
describe('refusals say what was refused with stable codes', () => {
  let t: TestApp;
  let w: World;
  let participant: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.seedWorld();
    participant = await t.login('participant@test.org');
  });
  afterAll(() => t.close());

  it("gives each of Kindred's own field refusals a code and the numbers in it", async () => {
    const res = await participant.request('POST', `/programs/${w.programId}/participants/${w.participantId}/check-ins`, {
      pain: 11,
      enjoyment: 'a lot',
      note: 'x'.repeat(1001),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_input', message: 'Some answers need attention.' });
    const byPath = Object.fromEntries(res.body.fields.map((f: { path: string }) => [f.path, f]));
    expect(byPath['body.pain']).toEqual({
      path: 'body.pain',
      message: 'Use a number no bigger than 10.',
      code: 'too_big_number',
      values: { max: 10 },
    });
    expect(byPath['body.enjoyment']).toEqual({ path: 'body.enjoyment', message: 'Enter a number.', code: 'number' });
    expect(byPath['body.activity']).toEqual({ path: 'body.activity', message: 'Fill this in.', code: 'fill_in' });
    expect(byPath['body.note']).toMatchObject({ code: 'too_long_text', values: { max: 1000 } });
  });

  it("gives a schema's participant-facing words their code, and leaves a schema's other words as they are", async () => {
    const res = await participant.request('PUT', `/programs/${w.programId}/participants/${w.participantId}/preferences`, {
      phone: 'call me',
      textCheckInTime: '23:00',
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.fields.map((f: { path: string }) => [f.path, f]));
    expect(byPath['body.phone']).toEqual({
      path: 'body.phone',
      message: 'Enter a phone number of 7 to 20 digits',
      code: 'phone',
    });
    expect(byPath['body.textCheckInTime']).toMatchObject({ code: 'text_check_in_hours' });
    const coordinator = await t.login('coordinator@test.org');
    const staff = await coordinator.request('PATCH', `/programs/${w.programId}/participants/${w.participantId}`, {
      givenName: ' ',
    });
    expect(staff.status).toBe(400);
    expect(staff.body.fields).toEqual([{ path: 'body.givenName', message: 'Enter the given name' }]);
  });

  it('codes the text check-in rule’s refusal too, changing nothing', async () => {
    const res = await participant.request('PUT', `/programs/${w.programId}/participants/${w.participantId}/preferences`, {
      textCheckInDay: 'mon',
      textCheckInTime: null,
    });
    expect(res.status).toBe(422);
    expect(res.body.fields).toEqual([
      { path: 'body.textCheckInTime', message: 'Choose the time for the check-in text', code: 'text_check_in_time' },
    ]);
  });
});
