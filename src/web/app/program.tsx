import { createContext, useContext, type ReactNode } from 'react';
import { useParams } from 'react-router';
import type { Me } from '../../core/accounts';
import type { Action } from '../../core/shared/actions';
import { useMe } from './session';

/** The actions the web app gates on; the server's `can` flags name them. */
export type { Action };

export type Membership = Me['memberships'][number];

export interface ProgramScope {
  programId: string;
  membership: Membership;
  /** The program's IANA zone: times and day counts on its pages are read there (issue #16; `useWhen`). */
  timeZone: string;
  /** What the server says the caller may do in this program. */
  can: (action: Action) => boolean;
  /** Paths inside this program, e.g. `to('participants')`. */
  to: (path?: string) => string;
  /** The caller coaches in this program (has a coach record). */
  isCoach: boolean;
  /** The caller is a participant in this program. */
  isParticipant: boolean;
  /** The caller runs the program (may add participants). */
  isStaff: boolean;
}

const ProgramContext = createContext<ProgramScope | null>(null);

export function programPath(programId: string, path = ''): string {
  return `/programs/${programId}${path ? `/${path}` : ''}`;
}

export function scopeOf(membership: Membership): ProgramScope {
  const can = (a: Action) => membership.can.includes(a);
  return {
    programId: membership.programId,
    membership,
    timeZone: membership.timeZone,
    can,
    to: (path) => programPath(membership.programId, path),
    isCoach: membership.coachId !== null && can('contact:log'),
    isParticipant: membership.participantId !== null,
    isStaff: can('participant:create'),
  };
}

/** The program the URL names, if the caller belongs to it. */
export function useMembershipFromUrl(): Membership | null {
  const me = useMe();
  const { programId } = useParams();
  return me.memberships.find((m) => m.programId === programId) ?? null;
}

export function ProgramProvider({ membership, children }: { membership: Membership; children: ReactNode }) {
  return <ProgramContext.Provider value={scopeOf(membership)}>{children}</ProgramContext.Provider>;
}

/** The current program and what the caller may do in it; only inside a program's routes. */
export function useProgram(): ProgramScope {
  const p = useContext(ProgramContext);
  if (!p) throw new Error('useProgram outside a program route');
  return p;
}

/** The current program, or null outside a program's routes (e.g. the password page). */
export function useOptionalProgram(): ProgramScope | null {
  return useContext(ProgramContext);
}

const LAST_PROGRAM = 'kindred.lastProgram';

/** Remembers the last program opened on this device (an id only, never personal data). */
export function rememberProgram(programId: string): void {
  try {
    localStorage.setItem(LAST_PROGRAM, programId);
  } catch {
    // Storage may be unavailable (private mode); the first program is a fine default.
  }
}

export function lastProgram(): string | null {
  try {
    return localStorage.getItem(LAST_PROGRAM);
  } catch {
    return null;
  }
}
