import { Readable } from 'node:stream';
import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/accounts.service';
import { CSRF_HEADER, SESSION_COOKIE } from '../../http/routing';
import { auditEvents } from '../../platform/audit.table';
import { createTestApp, TEST_PASSWORD, type Agent, type TestApp, type World } from '../../testing/harness';
import { sweepAbandonedAudio } from './audio.service';
import { interviewAudio, interviewAudioChunks } from './audio.table';
import { makeWav } from './audio.testing';

/** A transcript's recording through the API (issue #13, ADR 0056), with a 1 MiB cap for the test. */
describe('interview recordings through the API', () => {
  const MAX = 1024 * 1024;
  let t: TestApp;
  let w: World;
  let lead: Agent;
  let staffCoder: Agent;
  let evaluator: Agent;
  let coach: Agent;
  let participant: Agent;
  let base: string;
  let keeping: string;
  let notKeeping: string;
  let withAudio: string;
  let bare: string;
  let pendingNotKept: string;
  const wav = makeWav(75); // 600,044 bytes: three chunks of 256 KiB
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 32)]);

  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const audioUrl = (study: string, transcript: string) => `${base}/${study}/transcripts/${transcript}/audio`;
  /** A raw request as a browser sends it: the file as the body, its name in X-File-Name. */
  const raw = async (
    agent: Agent,
    method: 'GET' | 'HEAD' | 'POST' | 'DELETE',
    url: string,
    o: { payload?: Buffer | Readable; headers?: Record<string, string> } = {},
  ) => {
    const res = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: `${SESSION_COOKIE}=${agent.sessionCookie}`, [CSRF_HEADER]: agent.csrfToken, ...o.headers },
      ...(o.payload ? { payload: o.payload } : {}),
    });
    return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, json: () => res.json() as any };
  };
  const upload = (agent: Agent, url: string, payload: Buffer | Readable, type = 'audio/wav', name = 'Interview%201.wav') =>
    raw(agent, 'POST', url, { payload, headers: { 'content-type': type, 'x-file-name': name } });
  const stored = async () => ({
    audio: (await t.db.db.select({ n: count() }).from(interviewAudio))[0]!.n,
    chunks: (await t.db.db.select({ n: count() }).from(interviewAudioChunks))[0]!.n,
  });
  const audited = async (action: string) =>
    (await t.db.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;
  const transcript = async (study: string, label: string) =>
    (
      await ok(
        lead.request('POST', `${base}/${study}/transcripts`, {
          label,
          audience: 'participants',
          format: 'vtt',
          content:
            'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>What helped?\n\n00:00:05.000 --> 00:00:09.000\n<v Sam>The calls.\n',
        }),
        201,
      )
    ).id as string;

  beforeAll(async () => {
    t = await createTestApp({ audioMaxBytes: MAX });
    w = await t.seedWorld();
    await createUser(t.db.db, t.clock.now(), {
      email: 'coordinator2@test.org',
      displayName: 'Another coordinator',
      password: TEST_PASSWORD,
      isAdmin: false,
      grants: [{ programId: w.programId, role: 'coordinator' }],
    });
    [lead, staffCoder, evaluator, coach, participant] = await Promise.all([
      t.login('coordinator@test.org'),
      t.login('coordinator2@test.org'),
      t.login('evaluator@test.org'),
      t.login('coach@test.org'),
      t.login('participant@test.org'),
    ]);
    base = `/programs/${w.programId}/interview-studies`;
    const study = (keepsOriginals: boolean) =>
      ok(lead.request('POST', base, { title: 'Recordings', audiences: ['participants'], targetCount: 5, keepsOriginals }), 201);
    keeping = (await study(true)).id;
    notKeeping = (await study(false)).id;
    withAudio = await transcript(keeping, 'Interview 1');
    bare = await transcript(keeping, 'Interview 2');
    pendingNotKept = await transcript(notKeeping, 'Interview 3');
    await ok(lead.request('POST', `${base}/${keeping}/team`, { personId: staffCoder.personId, role: 'coder' }), 201);
  });
  afterAll(async () => t.close());

  it('refuses what is not a recording, or too large, and stores nothing', async () => {
    const url = audioUrl(keeping, bare);
    const refusals = [
      [await upload(lead, url, pdf, 'audio/mpeg'), 415, 'not_audio'],
      [await upload(lead, url, wav, 'text/plain'), 415, 'not_audio'],
      [await upload(lead, url, pdf, 'application/octet-stream'), 415, 'not_audio'],
      [await upload(lead, url, Buffer.alloc(0)), 422, 'audio_empty'],
      // Declared too large: refused before a byte is read.
      [await upload(lead, url, makeWav(140)), 413, 'audio_too_large'],
      // Not declared (streamed without a length): refused once the bytes pass the cap.
      [await upload(lead, url, Readable.from([makeWav(140)])), 413, 'audio_too_large'],
    ] as const;
    for (const [res, status, reason] of refusals) {
      expect(res.status).toBe(status);
      expect(res.json().reason).toBe(reason);
    }
    expect(await stored()).toEqual({ audio: 0, chunks: 0 });
    expect(await audited('interview_audio:create')).toBe(0);
    const details = await ok(lead.request('GET', `${url}/details`));
    expect(details).toEqual({ audio: null, canAttach: true, maxBytes: MAX });
  });

  it('lets the lead attach a recording, streamed into chunks, audited', async () => {
    const res = await upload(lead, audioUrl(keeping, withAudio), Readable.from([wav.subarray(0, 1000), wav.subarray(1000)]));
    expect(res.status, JSON.stringify(res.json())).toBe(201);
    expect(res.json()).toMatchObject({
      filename: 'Interview 1.wav',
      kind: 'wav',
      contentType: 'audio/wav',
      byteSize: wav.length,
      deletedOnConfirm: false,
    });
    expect(await stored()).toEqual({ audio: 1, chunks: 3 });
    expect(await audited('interview_audio:create')).toBe(1);
    const again = await upload(lead, audioUrl(keeping, withAudio), wav);
    expect([again.status, again.json().reason]).toEqual([409, 'audio_exists']);
    const details = await ok(lead.request('GET', `${audioUrl(keeping, withAudio)}/details`));
    expect(details.audio.filename).toBe('Interview 1.wav');
    expect(details.canAttach).toBe(false);
  });

  it('plays the whole recording or one range, never cached, each read audited', async () => {
    const url = audioUrl(keeping, withAudio);
    const before = await audited('interview_audio:read');
    const whole = await raw(lead, 'GET', url);
    expect(whole.status).toBe(200);
    expect(whole.headers).toMatchObject({
      'content-type': 'audio/wav',
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      'content-length': String(wav.length),
    });
    expect(whole.raw.equals(wav)).toBe(true);
    const ranges: [string, number, number][] = [
      ['bytes=0-11', 0, 11],
      // Across the first chunk boundary (262,144).
      ['bytes=262140-262150', 262140, 262150],
      // Across two boundaries, into the last chunk.
      ['bytes=100000-', 100000, wav.length - 1],
      ['bytes=-10', wav.length - 10, wav.length - 1],
      ['bytes=524288-524288', 524288, 524288],
    ];
    for (const [header, start, end] of ranges) {
      const r = await raw(lead, 'GET', url, { headers: { range: header } });
      expect(r.status, header).toBe(206);
      expect(r.headers['content-range']).toBe(`bytes ${start}-${end}/${wav.length}`);
      expect(r.headers['content-length']).toBe(String(end - start + 1));
      expect(r.raw.equals(wav.subarray(start, end + 1)), header).toBe(true);
    }
    const past = await raw(lead, 'GET', url, { headers: { range: `bytes=${wav.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${wav.length}`);
    // A player may ask for the size first: the headers without the bytes.
    const head = await raw(lead, 'HEAD', url, { headers: { range: 'bytes=0-99' } });
    expect([head.status, head.headers['content-range'], head.raw.length]).toEqual([206, `bytes 0-99/${wav.length}`, 0]);
    // The whole read, the five ranges and the HEAD; not the refused one.
    expect((await audited('interview_audio:read')) - before).toBe(7);
  });

  it('is the lead’s alone: coders (staff or not) 403, off the team 404, coaches and participants 403', async () => {
    const url = audioUrl(keeping, withAudio);
    const tries = (who: Agent) =>
      Promise.all([
        raw(who, 'GET', url).then((r) => r.status),
        raw(who, 'GET', `${url}/details`).then((r) => r.status),
        upload(who, audioUrl(keeping, bare), wav).then((r) => r.status),
        raw(who, 'DELETE', url).then((r) => r.status),
      ]);
    const readsBefore = await audited('interview_audio:read');
    expect(await tries(staffCoder)).toEqual([403, 403, 403, 403]);
    expect(await tries(evaluator)).toEqual([404, 404, 404, 404]);
    await ok(lead.request('POST', `${base}/${keeping}/team`, { personId: w.people.evaluator, role: 'coder' }), 201);
    expect(await tries(evaluator)).toEqual([403, 403, 403, 403]);
    expect(await tries(coach)).toEqual([403, 403, 403, 403]);
    expect(await tries(participant)).toEqual([403, 403, 403, 403]);
    expect(await audited('interview_audio:read')).toBe(readsBefore);
    expect(await stored()).toEqual({ audio: 1, chunks: 3 });
  });

  it('keeps the recording of a study that keeps originals when the transcript is confirmed', async () => {
    await ok(lead.request('POST', `${base}/${keeping}/transcripts/${withAudio}/deidentification`, { replacements: [] }));
    expect((await raw(lead, 'GET', audioUrl(keeping, withAudio))).status).toBe(200);
  });

  it('deletes the recording for good when the lead asks', async () => {
    const url = audioUrl(keeping, withAudio);
    expect((await raw(lead, 'DELETE', url)).status).toBe(204);
    expect(await stored()).toEqual({ audio: 0, chunks: 0 });
    expect(await audited('interview_audio:delete')).toBe(1);
    expect((await raw(lead, 'GET', url)).status).toBe(404);
    expect((await raw(lead, 'DELETE', url)).status).toBe(404);
  });

  it('deletes the recording of a study that keeps no originals when the de-identification is confirmed', async () => {
    const url = audioUrl(notKeeping, pendingNotKept);
    const res = await upload(lead, url, makeWav(2), 'audio/x-wav', 'Sam%20at%20home.wav');
    expect(res.status).toBe(201);
    expect(res.json().deletedOnConfirm).toBe(true);
    await ok(lead.request('POST', `${base}/${notKeeping}/transcripts/${pendingNotKept}/deidentification`, { replacements: [] }));
    expect(await stored()).toEqual({ audio: 0, chunks: 0 });
    expect(await audited('interview_audio:delete')).toBe(2);
    const again = await upload(lead, url, makeWav(2));
    expect([again.status, again.json().reason]).toEqual([409, 'originals_not_kept']);
    expect(await ok(lead.request('GET', `${url}/details`))).toMatchObject({ audio: null, canAttach: false });
    // Nothing about a recording names the person in the audit trail: ids only.
    const rows = await t.db.db.select().from(auditEvents).where(like(auditEvents.entityType, 'interview_audio%'));
    expect(JSON.stringify(rows)).not.toContain('Sam');
  });

  it('sweeps an upload abandoned for over an hour, with its bytes, and leaves the rest', async () => {
    const programId = w.programId;
    const row = (id: string, transcriptId: string, state: 'uploading' | 'ready', minutesAgo: number) => ({
      id,
      programId,
      studyId: keeping,
      transcriptId,
      state,
      filename: 'x.wav',
      kind: 'wav' as const,
      byteSize: 4,
      chunkSize: 4,
      createdAt: new Date(t.clock.now().getTime() - minutesAgo * 60_000),
      createdBy: lead.personId,
    });
    const abandoned = '0b0b0b0b-0000-4000-8000-000000000001';
    const inProgress = '0b0b0b0b-0000-4000-8000-000000000002';
    const oldReady = '0b0b0b0b-0000-4000-8000-000000000003';
    const spare = [
      await transcript(keeping, 'Interview 4'),
      await transcript(keeping, 'Interview 5'),
      await transcript(keeping, 'Interview 6'),
    ];
    await t.db.db
      .insert(interviewAudio)
      .values([
        row(abandoned, spare[0]!, 'uploading', 61),
        row(inProgress, spare[1]!, 'uploading', 59),
        row(oldReady, spare[2]!, 'ready', 120),
      ]);
    await t.db.db.insert(interviewAudioChunks).values([
      { audioId: abandoned, seq: 0, data: Buffer.from('RIFF') },
      { audioId: inProgress, seq: 0, data: Buffer.from('RIFF') },
    ]);
    const before = await stored();
    const deletes = await audited('interview_audio:delete');
    expect(await sweepAbandonedAudio(t.deps, t.clock.now())).toEqual({ deleted: 1 });
    const ids = (await t.db.db.select({ id: interviewAudio.id }).from(interviewAudio)).map((r) => r.id);
    expect(ids).not.toContain(abandoned);
    expect(ids).toContain(inProgress);
    expect(await stored()).toEqual({ audio: before.audio - 1, chunks: before.chunks - 1 });
    expect(await audited('interview_audio:delete')).toBe(deletes + 1);
    // A ready recording is never swept, however old.
    expect(await sweepAbandonedAudio(t.deps, new Date(t.clock.now().getTime() + 48 * 3_600_000))).toEqual({ deleted: 1 });
    const left = (await t.db.db.select({ id: interviewAudio.id }).from(interviewAudio)).map((r) => r.id);
    expect(left).not.toContain(inProgress);
    expect(left).toContain(oldReady);
  });
});
