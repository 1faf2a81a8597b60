import { and, desc, eq } from 'drizzle-orm';
import { mailMessages } from '../../platform/mail.table';
import { TEST_PASSWORD, type Agent, type TestApp } from '../../testing/harness';
import { volunteerApplications } from './volunteers.table';

/** A complete application, as the public form sends it. */
export const application = (o: Record<string, unknown> = {}) => ({
  givenName: 'Vera',
  familyName: 'Volunteer',
  email: 'Vera.Volunteer@Example.org',
  phone: '317 555 0300',
  gender: 'woman',
  painLocations: ['knee', 'low_back'],
  aboutMe: 'Army veteran, retired teacher; I like walking and talking with people.',
  ownPain: 'Knee pain for fifteen years. Pacing, a daily walk and a good night’s sleep help most.',
  availableDays: ['tue', 'thu'],
  availableTimes: ['evening'],
  modalities: ['phone', 'video'],
  serviceBranch: 'army',
  serviceEra: 'gulf_war',
  birthYear: 1968,
  town: 'Greenwood',
  languages: ['English', 'Spanish'],
  ...o,
});

/** Every screening item ticked. */
export const fullScreening = {
  conversation: true,
  manages_own_pain: true,
  time_commitment: true,
  peer_role: true,
  background_check: true,
};

/** Test steps of the volunteer's journey through the API, as the applicant, the coordinator and the coach take them. */
export function journey(t: TestApp, programId: string) {
  const base = `/programs/${programId}`;
  return {
    /** Applies on the public form and returns the application's id. */
    async apply(o: Record<string, unknown> = {}): Promise<string> {
      const body = application(o);
      const res = await t.anonymous.request('POST', `${base}/applications`, body);
      if (res.status !== 202) throw new Error(`apply answered ${res.status}`);
      const [row] = await t.db.db
        .select({ id: volunteerApplications.id })
        .from(volunteerApplications)
        .where(and(eq(volunteerApplications.programId, programId), eq(volunteerApplications.email, body.email.toLowerCase())))
        .orderBy(desc(volunteerApplications.createdAt))
        .limit(1);
      return row!.id;
    },
    step: (agent: Agent, applicationId: string, body: unknown) =>
      agent.request('POST', `${base}/volunteers/${applicationId}/steps`, body),
    /** Screens and starts training; returns the new coach's id. */
    async toTraining(agent: Agent, applicationId: string): Promise<string> {
      for (const body of [{ to: 'screened', checklist: fullScreening }, { to: 'in_training' }]) {
        const res = await agent.request('POST', `${base}/volunteers/${applicationId}/steps`, body);
        if (res.status !== 200) throw new Error(`step to ${(body as { to: string }).to} answered ${res.status}`);
      }
      const res = await agent.request('GET', `${base}/volunteers/${applicationId}`);
      return res.body.coachId as string;
    },
    /** The one-time link from the invitation e-mail (the demo shows captured mail to staff). */
    async invitationToken(email: string): Promise<string> {
      const rows = await t.db.db
        .select()
        .from(mailMessages)
        .where(and(eq(mailMessages.toAddress, email), eq(mailMessages.subject, 'Your invitation to Kindred')))
        .orderBy(desc(mailMessages.createdAt));
      const token = /#token=(\S+)/.exec(rows[0]?.bodyText ?? '')?.[1];
      if (!token) throw new Error('no invitation e-mail');
      return token;
    },
    /** Accepts the invitation with the test password and signs the new coach in. */
    async acceptAndSignIn(email: string): Promise<Agent> {
      const token = await this.invitationToken(email);
      const res = await t.anonymous.request('POST', '/invitations/accept', { token, password: TEST_PASSWORD });
      if (res.status !== 200) throw new Error(`accept answered ${res.status}`);
      return t.login(email);
    },
    /** The right answer to every question of a module, read from the server's own content. */
    rightAnswers(moduleKey: string): Record<string, string> {
      const m = t.deps.training.modules.find((x) => x.key === moduleKey)!;
      return Object.fromEntries(m.questions.map((q) => [q.id, q.options.find((o) => o.isCorrect)!.id]));
    },
    attempt: (agent: Agent, coachId: string, moduleKey: string, answers: Record<string, string>) =>
      agent.request('POST', `${base}/coaches/${coachId}/training/modules/${moduleKey}/attempts`, { answers }),
    /** Passes every module, in order. */
    async passAll(agent: Agent, coachId: string, except: string[] = []): Promise<void> {
      for (const m of t.deps.training.modules) {
        if (except.includes(m.key)) continue;
        const res = await this.attempt(agent, coachId, m.key, this.rightAnswers(m.key));
        if (res.status !== 201 || !res.body.isPassed) throw new Error(`module ${m.key} not passed`);
      }
    },
    sign: (agent: Agent, coachId: string, o: Record<string, unknown> = {}) =>
      agent.request('POST', `${base}/coaches/${coachId}/agreement`, {
        signedName: 'Vera Volunteer',
        agrees: true,
        version: t.deps.training.agreement.version,
        ...o,
      }),
  };
}
