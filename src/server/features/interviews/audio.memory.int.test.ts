import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '../../http/routing';
import { createTestApp, type Agent, type TestApp } from '../../testing/harness';
import { makeWav } from './audio.testing';

/**
 * How much memory a 50 MB recording's upload takes (ADR 0056), over real HTTP: the body is made as
 * it is sent, 64 KiB at a time, so what grows is the server's. Measured only when asked
 * (`KINDRED_MEASURE_AUDIO=1`, with DATABASE_URL for PostgreSQL); the in-memory PGlite holds the
 * stored bytes in this process too, so there RSS grows by the file's size whatever the upload does.
 */
/** 50 MB, or KINDRED_MEASURE_AUDIO_MB to see whether the peak grows with the file. */
const SIZE = Number(process.env.KINDRED_MEASURE_AUDIO_MB ?? 50) * 1024 * 1024;
const PIECE = 64 * 1024;

let t: TestApp;
let lead: Agent;
let url: string;

beforeAll(async () => {
  if (!process.env.KINDRED_MEASURE_AUDIO) return;
  t = await createTestApp();
  const w = await t.seedWorld();
  lead = await t.login('coordinator@test.org');
  const base = `/programs/${w.programId}/interview-studies`;
  const study = (await lead.request('POST', base, { title: 'Memory', audiences: ['participants'], targetCount: 1 })).body.id;
  const tr = await lead.request('POST', `${base}/${study}/transcripts`, {
    label: 'Interview 1',
    audience: 'participants',
    format: 'text',
    content: 'Interviewer: Hello?',
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}/api/v1${base}/${study}/transcripts/${tr.body.id}/audio`;
});
afterAll(async () => t?.close());

/** The garbage collector, to tell what the upload holds from what it has let go. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

it.runIf(process.env.KINDRED_MEASURE_AUDIO)(
  'uploads 50 MB without holding it in memory',
  async () => {
    const head = makeWav(0.01);
    head.writeUInt32LE(SIZE - 8, 4);
    const gc = collector();
    gc();
    const base = process.memoryUsage();
    const peak = { rss: base.rss, heapUsed: base.heapUsed, external: base.external, arrayBuffers: base.arrayBuffers };
    // Every 20th sample collects first: its peak is what the upload really holds.
    let tick = 0;
    const held = { rss: 0, arrayBuffers: 0 };
    const timer = setInterval(() => {
      if (++tick % 20 === 0) {
        gc();
        const h = process.memoryUsage();
        held.rss = Math.max(held.rss, h.rss - base.rss);
        held.arrayBuffers = Math.max(held.arrayBuffers, h.arrayBuffers - base.arrayBuffers);
      }
      const m = process.memoryUsage();
      peak.rss = Math.max(peak.rss, m.rss);
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      peak.external = Math.max(peak.external, m.external);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
    }, 10);
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            cookie: `${SESSION_COOKIE}=${lead.sessionCookie}`,
            [CSRF_HEADER]: lead.csrfToken,
            'content-type': 'audio/wav',
            'content-length': String(SIZE),
            'x-file-name': 'big.wav',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      let sent = 0;
      const piece = Buffer.alloc(PIECE, 0x80);
      const write = () => {
        while (sent < SIZE) {
          const chunk =
            sent === 0 ? Buffer.concat([head, piece.subarray(head.length)]) : piece.subarray(0, Math.min(PIECE, SIZE - sent));
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    clearInterval(timer);
    const seconds = (Date.now() - started) / 1000;
    expect(status).toBe(201);
    process.stdout.write(
      `${SIZE / 1024 / 1024} MB upload on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)'}: ${seconds.toFixed(1)} s; ` +
        `peak above the start: RSS +${mb(peak.rss - base.rss)} MB, JS heap +${mb(peak.heapUsed - base.heapUsed)} MB, ` +
        `external +${mb(peak.external - base.external)} MB (array buffers +${mb(peak.arrayBuffers - base.arrayBuffers)} MB)` +
        `; after collecting garbage: RSS +${mb(held.rss)} MB, array buffers +${mb(held.arrayBuffers)} MB` +
        '\n',
    );
  },
  300_000,
);
