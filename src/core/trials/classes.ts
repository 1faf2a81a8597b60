import { z } from 'zod';
import { DomainError } from '../shared/errors';
import { EnteredLate, LateEntryView } from '../shared/late-entry';

/** A session of the comparison arm's class: when, where (a place, a video link, or both) and how many it takes. */
export const ClassSessionInput = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    place: z.string().trim().max(200).default(''),
    videoUrl: z
      .url({ protocol: /^https$/ })
      .nullable()
      .default(null),
    capacity: z.int().min(1).max(500),
  })
  .refine((c) => c.place !== '' || c.videoUrl !== null, { message: 'Give a place or a video link', path: ['place'] });
export type ClassSessionInput = z.infer<typeof ClassSessionInput>;

export const InvitationInput = z.object({ participantIds: z.array(z.uuid()).min(1).max(200) });
export const AttendanceInput = z.object({
  participantId: z.uuid(),
  attended: z.boolean(),
  /** Required when recorded more than 7 days after the class (ADR 0030). */
  enteredLate: EnteredLate.optional(),
});
export type AttendanceInput = z.infer<typeof AttendanceInput>;

export const ClassSessionView = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  place: z.string(),
  videoUrl: z.string().nullable(),
  capacity: z.number(),
  invited: z.number(),
  attended: z.number(),
  participants: z.array(
    z.object({ participantId: z.uuid(), name: z.string(), attended: z.boolean().nullable(), enteredLate: LateEntryView }),
  ),
});
export type ClassSessionView = z.infer<typeof ClassSessionView>;

/**
 * Which of the participants to invite are new to the session, refusing when they would exceed its
 * capacity (the whole request is refused: a class is never silently over-filled).
 */
export function newInvitees(capacity: number, alreadyInvited: readonly string[], asked: readonly string[]): string[] {
  const fresh = [...new Set(asked)].filter((id) => !alreadyInvited.includes(id));
  if (alreadyInvited.length + fresh.length > capacity) {
    throw new DomainError(
      'conflict',
      'class_full',
      `The class takes ${capacity}; ${alreadyInvited.length} are invited, so ${capacity - alreadyInvited.length} more can be`,
    );
  }
  return fresh;
}
