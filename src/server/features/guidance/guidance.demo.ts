import { and, desc, eq } from 'drizzle-orm';
import { essentialElements, type EssentialElement } from '../../../core/contacts';
import { seededRandom, seededUuid } from '../../demo/random';
import type { Tx } from '../../platform/database';
import { contacts } from '../contacts/contacts.table';
import { sessionGuides } from './guidance.table';

/**
 * The demo participant's last reached contact, as if it had been run through the session guide:
 * its one-line pain and mood check shows in the guide's first step next time ("Last session: pain
 * 6, mood 6"). Its own seeded random, so the rest of the demo is unchanged.
 */
export async function seedGuidanceDemo(
  tx: Tx,
  ctx: { programId: string; demoPair: { participantId: string; coachId: string }; createdBy: string },
): Promise<void> {
  const rand = seededRandom(20_260_414);
  const [last] = await tx
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.programId, ctx.programId),
        eq(contacts.participantId, ctx.demoPair.participantId),
        eq(contacts.isReached, true),
      ),
    )
    .orderBy(desc(contacts.occurredAt))
    .limit(1);
  if (!last) return;
  const elements: EssentialElement[] = essentialElements.filter((e) => last[e]);
  await tx.insert(sessionGuides).values({
    id: seededUuid(rand),
    programId: ctx.programId,
    participantId: ctx.demoPair.participantId,
    coachId: ctx.demoPair.coachId,
    contactId: last.id,
    clientKey: seededUuid(rand),
    pain: 6,
    mood: 6,
    suggestedTopic: last.topics[0] ?? null,
    derivedElements: elements,
    confirmedElements: elements,
    nextContactOn: null,
    createdBy: ctx.createdBy,
    createdAt: last.createdAt,
  });
}
