import { z } from 'zod';
import { DateOn } from '../shared/vocab';

/**
 * Withdrawal scopes (ADR 0025): from the intervention (no more coaching or classes), from follow-up
 * (no assessment tasks or links, and the intervention stops too), from use of data (follow-up stops
 * and the participant's data leave the analysis). Each wider scope includes the narrower ones.
 */
export const withdrawalScopes = ['intervention', 'follow_up', 'data'] as const;
export const WithdrawalScope = z.enum(withdrawalScopes);
export type WithdrawalScope = z.infer<typeof WithdrawalScope>;

const rank: Record<WithdrawalScope, number> = { intervention: 0, follow_up: 1, data: 2 };

/** Whether a recorded withdrawal covers a scope (data covers follow-up covers intervention). */
export function covers(recorded: WithdrawalScope, asked: WithdrawalScope): boolean {
  return rank[recorded] >= rank[asked];
}

/** Whether any of a participant's withdrawals covers the scope. */
export function isWithdrawnFrom(withdrawals: readonly { scope: WithdrawalScope }[], scope: WithdrawalScope): boolean {
  return withdrawals.some((w) => covers(w.scope, scope));
}

export const ConsentDocumentInput = z.object({
  title: z.string().trim().min(1).max(200),
  /** Markdown, shown large-type and printable. */
  body: z.string().trim().min(1).max(50_000),
});
export type ConsentDocumentInput = z.infer<typeof ConsentDocumentInput>;

/** A consent: the participant types his or her name, or staff attest a verbal consent by phone. */
export const ConsentInput = z.discriminatedUnion('method', [
  z.object({
    participantId: z.uuid(),
    documentVersion: z.int().min(1),
    method: z.literal('signed'),
    typedName: z.string().trim().min(2).max(200),
    signedOn: DateOn,
  }),
  z.object({
    participantId: z.uuid(),
    documentVersion: z.int().min(1),
    method: z.literal('attested'),
    signedOn: DateOn,
    note: z.string().trim().max(500).default(''),
  }),
]);
export type ConsentInput = z.infer<typeof ConsentInput>;

export const WithdrawalInput = z.object({
  participantId: z.uuid(),
  scope: WithdrawalScope,
  on: DateOn,
  reason: z.string().trim().min(1).max(300),
});
export type WithdrawalInput = z.infer<typeof WithdrawalInput>;
