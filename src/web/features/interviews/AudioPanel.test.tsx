// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AudioDetails, TranscriptView } from '../../../core/interviews';
import { json, mockApi, PROGRAM_ID, renderInProgram, settled } from '../../testing/render';
import { AudioPanel, RecordingScope } from './AudioPanel';
import { TranscriptText } from './TranscriptPages';

const STUDY = '22222222-2222-4222-8222-222222222222';
const TRANSCRIPT = '33333333-3333-4333-8333-333333333333';
const path = `/programs/${PROGRAM_ID}/interview-studies/${STUDY}/transcripts/${TRANSCRIPT}/audio`;
const MB = 1024 * 1024;
const attached = (deletedOnConfirm: boolean): AudioDetails => ({
  audio: {
    id: '44444444-4444-4444-8444-444444444444',
    filename: 'Interview 1.m4a',
    kind: 'm4a',
    contentType: 'audio/mp4',
    byteSize: 12_480_000,
    createdAt: '2026-03-02T15:00:00.000Z',
    deletedOnConfirm,
  },
  canAttach: false,
  maxBytes: 200 * MB,
});
const none: AudioDetails = { audio: null, canAttach: true, maxBytes: 200 * MB };

const text = 'Interviewer: What helped?\nSam: The calls.\nA line with no time.';
const turns: TranscriptView['turns'] = [
  { speaker: 'Interviewer', start: 0, end: 25, textStart: 13, startMs: 1000, endMs: 4000 },
  { speaker: 'Sam', start: 26, end: 41, textStart: 31, startMs: 65_500, endMs: 70_000 },
  { speaker: null, start: 42, end: 62, textStart: 42, startMs: null, endMs: null },
];

function page(enabled = true) {
  return renderInProgram(
    <RecordingScope enabled={enabled} studyId={STUDY} transcriptId={TRANSCRIPT} label="Interview 1">
      {enabled ? <AudioPanel studyId={STUDY} transcriptId={TRANSCRIPT} /> : null}
      <TranscriptText text={text} turns={turns} label="Transcript" />
    </RecordingScope>,
  );
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('a transcript’s recording (ADR 0056)', () => {
  it('attaches the chosen file as it is, named, then shows its name and size', async () => {
    const user = userEvent.setup();
    let details = none;
    const calls = mockApi({
      [`GET ${path}/details`]: () => json(details),
      [`POST ${path}`]: () => {
        details = attached(false);
        return json(details.audio, 201);
      },
    });
    page();
    const file = new File([new Uint8Array([0x49, 0x44, 0x33, 4])], 'Interview 1.m4a', { type: 'audio/mp4' });
    await user.upload(await screen.findByLabelText('Recording to attach'), file);
    await user.click(screen.getByRole('button', { name: 'Attach the recording' }));
    await screen.findByText('Interview 1.m4a');
    expect(screen.getByRole('status').textContent).toBe('Recording attached.');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toBe(file);
    expect(post.headers).toMatchObject({ 'content-type': 'audio/mp4', 'x-file-name': 'Interview%201.m4a' });
    expect(screen.getByText('12.5 MB')).toBeTruthy();
    expect(screen.getByText(/This study keeps originals: the recording is kept/)).toBeTruthy();
  });

  it('says a file is too large before sending it, and shows the server’s refusal of one that is not audio', async () => {
    const user = userEvent.setup();
    const calls = mockApi({
      [`GET ${path}/details`]: json({ ...none, maxBytes: 10 }),
      [`POST ${path}`]: json(
        { error: 'unsupported_media_type', reason: 'not_audio', message: 'This file is not a recording Kindred can play' },
        415,
      ),
    });
    page();
    const input = await screen.findByLabelText('Recording to attach');
    await user.upload(input, new File([new Uint8Array(11)], 'big.mp3', { type: 'audio/mpeg' }));
    await user.click(screen.getByRole('button', { name: 'Attach the recording' }));
    expect(screen.getByText('This file is larger than 10 bytes, the most Kindred keeps.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    await user.upload(input, new File([new Uint8Array(5)], 'notes.mp3', { type: 'audio/mpeg' }));
    await user.click(screen.getByRole('button', { name: 'Attach the recording' }));
    expect(await screen.findByText('This file is not a recording Kindred can play')).toBeTruthy();
  });

  it('plays from a timed turn: the player seeks there and plays', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    mockApi({ [`GET ${path}/details`]: json(attached(true)) });
    page();
    const player = (await screen.findByLabelText('Recording of Interview 1')) as HTMLAudioElement;
    expect(player.getAttribute('src')).toBe(`/api/v1${path}`);
    expect(player.controls).toBe(true);
    // Only the turns with a time get the control.
    const buttons = screen.getAllByRole('button', { name: /^Play from here/ });
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Play from here (0:01)', 'Play from here (1:05)']);
    await userEvent.setup().click(buttons[1]!);
    expect(player.currentTime).toBe(65.5);
    expect(play).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/will be deleted when the de-identification is confirmed/)).toBeTruthy();
    // The length, once the browser has read it.
    Object.defineProperty(player, 'duration', { value: 125.2, configurable: true });
    fireEvent(player, new Event('loadedmetadata'));
    expect(await screen.findByText('2:05')).toBeTruthy();
  });

  it('deletes the recording after asking, and keeps it when told to', async () => {
    const user = userEvent.setup();
    let details = attached(false);
    const calls = mockApi({
      [`GET ${path}/details`]: () => json(details),
      [`DELETE ${path}`]: () => {
        details = none;
        return new Response(null, { status: 204 });
      },
    });
    page();
    await user.click(await screen.findByRole('button', { name: 'Delete the recording' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Delete the recording' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete the recording' }));
    await screen.findByRole('button', { name: 'Attach the recording' });
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('Recording deleted.');
    expect(screen.queryByRole('button', { name: /^Play from here/ })).toBeNull();
  });

  it('says so plainly when the study keeps no originals and the transcript is de-identified', async () => {
    mockApi({ [`GET ${path}/details`]: json({ ...none, canAttach: false }) });
    page();
    expect(await screen.findByText(/does not keep originals, so a recording cannot be attached/)).toBeTruthy();
    expect(screen.queryByLabelText('Recording to attach')).toBeNull();
  });

  it('asks nothing and shows no player to those who may not play it', async () => {
    const calls = mockApi({});
    page(false);
    await settled().catch(() => undefined);
    expect(calls).toEqual([]);
    expect(screen.queryByRole('button', { name: /^Play from here/ })).toBeNull();
  });
});
