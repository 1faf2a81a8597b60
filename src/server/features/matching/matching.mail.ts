/**
 * The e-mails both sides get when a coordinator approves a pairing (#6, ADR 0016). Subjects say
 * nothing personal (they show on lock screens). The coach's e-mail does not name the participant:
 * the coach signs in to see who it is and how to reach him or her.
 */
export function pairedMail(o: {
  programName: string;
  publicUrl: string;
  participantGivenName: string;
  coachGivenName: string;
  firstContactDays: number;
}): { participant: { subject: string; text: string }; coach: { subject: string; text: string } } {
  const sign = `\nWith thanks,\nThe ${o.programName} team\n`;
  const days = `${o.firstContactDays} day${o.firstContactDays === 1 ? '' : 's'}`;
  return {
    participant: {
      subject: 'Your coach is ready',
      text:
        `Hello ${o.participantGivenName},\n\n${o.coachGivenName}, a fellow veteran trained as a coach, will be your coach in ${o.programName}. ` +
        `Expect a first call or message within ${days}.\n\n` +
        `When you sign in you can see how to reach your coach: ${o.publicUrl}\n` +
        sign,
    },
    coach: {
      subject: 'A new participant to coach',
      text:
        `Hello ${o.coachGivenName},\n\nThank you: you have been paired with a new participant in ${o.programName}. ` +
        `Please make the first contact within ${days}.\n\n` +
        `Sign in to see who it is and how he or she prefers to be reached: ${o.publicUrl}\n` +
        sign,
    },
  };
}
