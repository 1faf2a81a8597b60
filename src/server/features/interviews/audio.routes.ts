import { Readable } from 'node:stream';
import { z } from 'zod';
import { AudioDetails, AudioView } from '../../../core/interviews';
import { DomainError } from '../../../core/shared/errors';
import { callerOf, type App, type AppOptions } from '../../http/routing';
import { ProgramParams } from '../../http/schemas';
import { attachAudio, DEFAULT_AUDIO_MAX_BYTES, deleteAudio, getAudioDetails, readAudio } from './audio.service';

const TranscriptParams = ProgramParams.extend({ studyId: z.uuid(), transcriptId: z.uuid() });

/** The file's name from `X-File-Name` (URI-encoded, as a browser can send any name): its last part, printable, at most 200 characters. */
export function fileNameOf(header: string | string[] | undefined): string {
  const raw = typeof header === 'string' ? header : '';
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  // eslint-disable-next-line no-control-regex
  const clean = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 200) || 'Recording';
}

/**
 * A transcript's recording (ADR 0056): attach (the bytes as the body, streamed into the database),
 * its details, playback with byte ranges (so the browser's player can seek), and deletion. The
 * study's lead only; never cached.
 */
export function interviewAudioRoutes(app: App, opts: AppOptions): void {
  const { deps } = opts;
  const maxBytes = opts.audioMaxBytes ?? DEFAULT_AUDIO_MAX_BYTES;
  const tags = ['interviews'];
  const path = '/programs/:programId/interview-studies/:studyId/transcripts/:transcriptId/audio';

  void app.register(async (scope) => {
    // The recording arrives as it is, not as JSON: the handler reads the request stream itself and
    // nothing buffers the whole file (the size is checked as the bytes arrive).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    (scope as unknown as App).post(
      path,
      {
        schema: {
          tags,
          summary:
            'Attach a recording (MP3, WAV, M4A, Ogg/Opus or WebM; the file as the body, its name in X-File-Name): 413 over the size cap, 415 not audio',
          params: TranscriptParams,
          response: { 201: AudioView },
        },
      },
      async (req, reply) => {
        const body = req.body as unknown;
        if (!body || typeof body !== 'object' || !(Symbol.asyncIterator in body))
          throw new DomainError('unsupported_media_type', 'not_audio', 'This file is not a recording Kindred can play');
        const length = Number(req.headers['content-length']);
        const view = await attachAudio(
          deps,
          callerOf(req),
          req.params.programId,
          req.params.studyId,
          req.params.transcriptId,
          {
            filename: fileNameOf(req.headers['x-file-name']),
            declaredType: req.headers['content-type'],
            declaredBytes: Number.isFinite(length) ? length : undefined,
            body: body as AsyncIterable<Uint8Array>,
          },
          maxBytes,
        );
        return reply.code(201).send(view);
      },
    );
  });

  app.get(`${path}/details`, { schema: { tags, params: TranscriptParams, response: { 200: AudioDetails } } }, async (req) =>
    getAudioDetails(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId, maxBytes),
  );

  app.get(
    path,
    {
      schema: {
        tags,
        summary: 'Play the recording: the whole file (200) or one byte range (206, `Range: bytes=a-b`); 416 past the end',
        params: TranscriptParams,
        response: {
          200: z.any().describe('the recording'),
          206: z.any().describe('part of the recording'),
          416: z.object({ error: z.string(), message: z.string(), requestId: z.string() }),
        },
      },
    },
    async (req, reply) => {
      const range = typeof req.headers.range === 'string' ? req.headers.range : undefined;
      const out = await readAudio(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId, range);
      void reply.header('accept-ranges', 'bytes').header('cache-control', 'no-store');
      if (out.status === 416)
        return reply
          .code(416)
          .header('content-range', `bytes */${out.size}`)
          .send({ error: 'range_not_satisfiable', message: 'That part of the recording does not exist', requestId: req.id });
      if (out.status === 206) void reply.header('content-range', `bytes ${out.range.start}-${out.range.end}/${out.size}`);
      return reply
        .code(out.status)
        .type(out.contentType)
        .header('content-length', String(out.range.end - out.range.start + 1))
        .send(Readable.from(out.body));
    },
  );

  app.delete(path, { schema: { tags, params: TranscriptParams, response: { 204: z.null() } } }, async (req, reply) => {
    await deleteAudio(deps, callerOf(req), req.params.programId, req.params.studyId, req.params.transcriptId);
    return reply.code(204).send(null);
  });
}
