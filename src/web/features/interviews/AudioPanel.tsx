import { createContext, useContext, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { fileSize, type AudioDetails } from '../../../core/interviews';
import { useProgram } from '../../app/program';
import { Button, DetailList } from '../../ui/controls';
import { Notice, QueryView } from '../../ui/feedback';
import { FormActions, FormErrors } from '../../ui/form';
import { Section } from '../../ui/Page';
import { audioSource, useAttachAudio, useAudioDetails, useDeleteAudio } from './audio.api';

/**
 * A transcript's recording (ADR 0056), for the study's lead only: attach one, see its name, length
 * and size, play it with the browser's own player, and play from any timed turn of the transcript.
 */

interface Recording {
  /** Seeks the player to `ms` and plays; null while there is no recording to play. */
  playFrom: ((ms: number) => void) | null;
  /** The player's length in milliseconds once the browser has read it. */
  lengthMs: number | null;
  details: AudioDetails | null;
}

const RecordingContext = createContext<{
  recording: Recording;
  setPlayer: (a: HTMLAudioElement | null) => void;
  setLengthMs: (ms: number | null) => void;
} | null>(null);

/** Plays the transcript's recording from a moment, or null when there is none (or the reader may not play it). */
export function usePlayFrom(): ((ms: number) => void) | null {
  return useContext(RecordingContext)?.recording.playFrom ?? null;
}

/** Milliseconds as m:ss or h:mm:ss, the way a recording's player shows them. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Wraps a transcript's page: for the study's lead (`enabled`), the player stays at the foot of the
 * screen while the transcript scrolls, and each timed turn can start it ("Play from here").
 */
export function RecordingScope({
  enabled,
  studyId,
  transcriptId,
  label,
  children,
}: {
  enabled: boolean;
  studyId: string;
  transcriptId: string;
  label: string;
  children: ReactNode;
}) {
  const program = useProgram();
  const details = useAudioDetails(program.programId, studyId, transcriptId, enabled);
  const [player, setPlayer] = useState<HTMLAudioElement | null>(null);
  const [lengthMs, setLengthMs] = useState<number | null>(null);
  const audio = enabled ? (details.data?.audio ?? null) : null;
  const value = useMemo(
    () => ({
      recording: {
        playFrom:
          audio && player
            ? (ms: number) => {
                player.currentTime = ms / 1000;
                void player.play()?.catch(() => undefined);
              }
            : null,
        lengthMs,
        details: enabled ? (details.data ?? null) : null,
      },
      setPlayer,
      setLengthMs,
    }),
    [audio, player, lengthMs, enabled, details.data],
  );
  return (
    <RecordingContext.Provider value={value}>
      {children}
      {audio ? (
        <div className="recording-player">
          <audio
            key={audio.id}
            ref={setPlayer}
            controls
            preload="metadata"
            src={audioSource(program.programId, studyId, transcriptId)}
            aria-label={`Recording of ${label}`}
            onLoadedMetadata={(e) => {
              const d = e.currentTarget.duration;
              setLengthMs(Number.isFinite(d) ? Math.round(d * 1000) : null);
            }}
          />
        </div>
      ) : null}
    </RecordingContext.Provider>
  );
}

/** The recording's section: its details and deletion, or the form to attach one, with what happens to it in plain words. */
export function AudioPanel({ studyId, transcriptId }: { studyId: string; transcriptId: string }) {
  const program = useProgram();
  const query = useAudioDetails(program.programId, studyId, transcriptId, true);
  const ctx = useContext(RecordingContext);
  // Said, and focused, when the form or the delete button goes away under the person's hand; only
  // while it is still true (confirming the de-identification may delete the recording since).
  const [notice, setNotice] = useState<{ text: string; audioId: string | null } | null>(null);
  const current = query.data ? (query.data.audio?.id ?? null) : undefined;
  return (
    <Section title="Recording" id="recording">
      {notice && notice.audioId === current ? <Notice>{notice.text}</Notice> : null}
      <QueryView query={query} loadingLabel="Loading the recording…">
        {(d) =>
          d.audio ? (
            <Attached
              details={d}
              lengthMs={ctx?.recording.lengthMs ?? null}
              studyId={studyId}
              transcriptId={transcriptId}
              onDeleted={() => setNotice({ text: 'Recording deleted.', audioId: null })}
            />
          ) : d.canAttach ? (
            <AttachForm
              maxBytes={d.maxBytes}
              studyId={studyId}
              transcriptId={transcriptId}
              onAttached={(id) => setNotice({ text: 'Recording attached.', audioId: id })}
            />
          ) : (
            <p>This study does not keep originals, so a recording cannot be attached once the transcript is de-identified.</p>
          )
        }
      </QueryView>
    </Section>
  );
}

function Attached({
  details,
  lengthMs,
  studyId,
  transcriptId,
  onDeleted,
}: {
  details: AudioDetails;
  lengthMs: number | null;
  studyId: string;
  transcriptId: string;
  onDeleted: () => void;
}) {
  const program = useProgram();
  const remove = useDeleteAudio(program.programId, studyId, transcriptId);
  const [asking, setAsking] = useState(false);
  const audio = details.audio!;
  return (
    <>
      <DetailList
        items={[
          ['File', audio.filename],
          ['Length', lengthMs === null ? 'Not known yet' : clock(lengthMs)],
          ['Size', fileSize(audio.byteSize)],
        ]}
      />
      <p>
        {audio.deletedOnConfirm
          ? 'This study does not keep originals: the recording will be deleted when the de-identification is confirmed.'
          : 'This study keeps originals: the recording is kept, and only the study’s lead can play it.'}{' '}
        The player stays at the bottom of the screen; “Play from here” beside a turn starts it there.
      </p>
      <FormErrors error={remove.error} title="Could not delete the recording" />
      {asking ? (
        <div role="group" aria-label="Delete the recording?">
          <p>Delete the recording for good? It cannot be brought back.</p>
          <FormActions>
            <Button
              variant="danger"
              busy={remove.isPending}
              busyLabel="Deleting…"
              onClick={() => remove.mutate(undefined, { onSuccess: onDeleted })}
            >
              Yes, delete the recording
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              Keep it
            </Button>
          </FormActions>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)}>
          Delete the recording
        </Button>
      )}
    </>
  );
}

const ACCEPT = 'audio/*,.mp3,.wav,.m4a,.ogg,.opus,.webm';

function AttachForm({
  maxBytes,
  studyId,
  transcriptId,
  onAttached,
}: {
  maxBytes: number;
  studyId: string;
  transcriptId: string;
  onAttached: (audioId: string) => void;
}) {
  const program = useProgram();
  const attach = useAttachAudio(program.programId, studyId, transcriptId);
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setProblem('Choose the recording first.');
    if (file.size > maxBytes) return setProblem(`This file is larger than ${fileSize(maxBytes)}, the most Kindred keeps.`);
    setProblem(null);
    attach.mutate(file, { onSuccess: (audio) => onAttached(audio.id) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Attach a recording">
      <p>Only the study’s lead can attach, play or delete the recording: a voice can tell who is speaking.</p>
      <FormErrors error={attach.error} title="Could not attach the recording" />
      <div className="field">
        <label htmlFor="recording-file" className="field__label">
          Recording to attach
        </label>
        <p id="recording-file-hint" className="field__hint">
          MP3, WAV, M4A, Ogg or WebM, up to {fileSize(maxBytes)}.
        </p>
        {problem ? (
          <p id="recording-file-problem" className="field__error">
            {problem}
          </p>
        ) : null}
        <input
          ref={input}
          id="recording-file"
          type="file"
          className="input"
          accept={ACCEPT}
          aria-describedby={problem ? 'recording-file-hint recording-file-problem' : 'recording-file-hint'}
          aria-invalid={problem ? true : undefined}
          onChange={() => setProblem(null)}
        />
      </div>
      <FormActions>
        <Button type="submit" busy={attach.isPending} busyLabel="Attaching… (a long recording takes a while)">
          Attach the recording
        </Button>
      </FormActions>
    </form>
  );
}
