import { describe, expect, it } from 'vitest';
import {
  assembleGuideContent,
  checkInReminder,
  deriveEssentialElements,
  elementValues,
  isoWeekOf,
  parseGuideFile,
  reminderChannel,
  suggestTopic,
  type GuideRecord,
  type ReminderFacts,
} from './index';

const topics = [
  { key: 'getting_started', title: 'Getting started' },
  { key: 'action_plans', title: 'Action plans' },
  { key: 'pacing', title: 'Activity pacing' },
  { key: 'relaxation', title: 'Relaxation' },
  { key: 'sleep', title: 'Sleep' },
  { key: 'own_topic', title: 'Our own topic' },
];

describe('suggestTopic', () => {
  it('starts at the beginning of the program for a new participant', () => {
    const s = suggestTopic({ programTopics: topics, covered: [], lastPlan: null });
    expect(s.suggested).toMatchObject({ key: 'getting_started', basis: 'order' });
    expect(s.suggested?.reason).toBe('Getting started is where the program starts.');
    expect(s.uncovered).toEqual(topics.map((t) => t.key));
  });

  it('follows the program order, skipping what has been covered', () => {
    const s = suggestTopic({ programTopics: topics, covered: ['getting_started', 'pacing'], lastPlan: null });
    expect(s.suggested).toMatchObject({ key: 'action_plans', basis: 'order' });
    expect(s.suggested?.reason).toContain("next topic in the program's order");
    expect(s.uncovered).toEqual(['action_plans', 'relaxation', 'sleep', 'own_topic']);
  });

  it('puts first an uncovered topic linked to what got in the way of the last plan', () => {
    const s = suggestTopic({
      programTopics: topics,
      covered: ['getting_started'],
      lastPlan: { what: 'Walk to the corner', review: { barrier: 'I slept badly all week', change: '' } },
    });
    expect(s.suggested).toMatchObject({ key: 'sleep', basis: 'barrier' });
    expect(s.suggested?.reason).toContain('“I slept badly all week”');
  });

  it('uses what the plan was about when the barrier says nothing linked', () => {
    const s = suggestTopic({
      programTopics: topics,
      covered: ['getting_started'],
      lastPlan: { what: 'Do the yard in short bits and rest', review: { barrier: 'rain', change: '' } },
    });
    expect(s.suggested).toMatchObject({ key: 'pacing', basis: 'plan' });
  });

  it('does not suggest a linked topic that was already covered, and matches whole words only', () => {
    const s = suggestTopic({
      programTopics: topics,
      covered: ['getting_started', 'sleep'],
      lastPlan: { what: 'Bedtime routine', review: { barrier: 'tired', change: '' } },
    });
    // "tired" points to sleep, covered already; "Bedtime" is not the word "bed".
    expect(s.suggested).toMatchObject({ key: 'action_plans', basis: 'order' });
  });

  it('revisits the topic linked to the barrier when everything is covered, and otherwise suggests nothing', () => {
    const all = topics.map((t) => t.key);
    const revisit = suggestTopic({
      programTopics: topics,
      covered: all,
      lastPlan: { what: 'Walk', review: { barrier: 'I overdid it on Saturday', change: '' } },
    });
    expect(revisit.suggested).toMatchObject({ key: 'pacing', basis: 'revisit' });
    expect(suggestTopic({ programTopics: topics, covered: all, lastPlan: null }).suggested).toBeNull();
  });

  it('gives a deployment topic without cues its place in the order', () => {
    const s = suggestTopic({
      programTopics: topics,
      covered: ['getting_started', 'action_plans', 'pacing', 'relaxation', 'sleep'],
      lastPlan: { what: 'Something new', review: null },
    });
    expect(s.suggested).toMatchObject({ key: 'own_topic', basis: 'order' });
  });
});

describe('deriveEssentialElements', () => {
  const empty: GuideRecord = { review: null, encouraged: false, topics: [], plan: null };

  it('ticks nothing when the session was only a chat', () => {
    const d = deriveEssentialElements(empty);
    expect(elementValues(d)).toEqual({
      discussedStrategies: false,
      gaveEncouragement: false,
      discussedAdjusting: false,
      discussedGoals: false,
    });
    expect(Object.values(d).every((e) => e.why === null)).toBe(true);
  });

  it('ticks all four for a full session: topic, review of a partly done plan, new smaller plan', () => {
    const d = deriveEssentialElements({
      review: { outcome: 'partly', barrier: 'a flare-up', change: '' },
      encouraged: false,
      topics: ['pacing'],
      plan: { kind: 'action_plan', confidence: 8, earlierDrafts: 1 },
    });
    expect(elementValues(d)).toEqual({
      discussedStrategies: true,
      gaveEncouragement: true,
      discussedAdjusting: true,
      discussedGoals: true,
    });
    expect(d.discussedGoals.why).toBe('You reviewed the last plan and agreed a new one.');
    expect(d.gaveEncouragement.why).toContain('partly done');
  });

  it('counts a plan that was done and not discussed further as a goal reviewed, not as adjusting', () => {
    const d = deriveEssentialElements({
      ...empty,
      review: { outcome: 'done', barrier: '', change: '' },
    });
    expect(elementValues(d)).toMatchObject({ gaveEncouragement: true, discussedAdjusting: false, discussedGoals: true });
  });

  it('counts a plan not done as adjusting but not as encouragement unless the coach says so', () => {
    const notDone = { ...empty, review: { outcome: 'not_done' as const, barrier: '', change: '' } };
    expect(elementValues(deriveEssentialElements(notDone))).toMatchObject({ gaveEncouragement: false, discussedAdjusting: true });
    expect(deriveEssentialElements({ ...notDone, encouraged: true }).gaveEncouragement).toEqual({
      isMet: true,
      why: 'You said you encouraged them.',
    });
  });

  it('records a smaller step as a goal set, and a plan made smaller as adjusting', () => {
    expect(deriveEssentialElements({ ...empty, plan: { kind: 'small_step', readiness: 3 } }).discussedGoals).toEqual({
      isMet: true,
      why: 'You agreed a smaller step.',
    });
    const confident = deriveEssentialElements({ ...empty, plan: { kind: 'action_plan', confidence: 9, earlierDrafts: 0 } });
    expect(confident.discussedAdjusting.isMet).toBe(false);
  });
});

const prompt = (front: Record<string, string>, body = 'Some words.\n\n- a line') =>
  `---\n${Object.entries(front)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n# Title\n\n${body}\n`;

describe('guide content', () => {
  const file = (key: string, kind: string, extra: Record<string, string> = {}) => {
    const parsed = parseGuideFile(prompt({ key, kind, title: `T ${key}`, version: '1', order: '10', ...extra }));
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    return { file: `${key}.md`, name: key, prompt: parsed.value };
  };
  const complete = () => [
    file('back_to_topic', 'bridge'),
    file('only_chat', 'what_if'),
    file('not_ready', 'what_if'),
    file('bad_week', 'what_if'),
    file('crisis', 'what_if', { link: 'safety' }),
  ];

  it('parses a prompt file and assembles bridges and what-ifs in order', () => {
    const r = assembleGuideContent(complete());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.bridges.map((b) => b.key)).toEqual(['back_to_topic']);
    expect(r.value.whatIfs.map((b) => b.key)).toEqual(['bad_week', 'crisis', 'not_ready', 'only_chat']);
    expect(r.value.whatIfs.find((w) => w.key === 'crisis')?.link).toBe('safety');
    expect(r.value.bridges[0]?.body).toBe('Some words.\n\n- a line');
  });

  it('names unknown fields, bad values and Markdown outside the subset', () => {
    const r = parseGuideFile(prompt({ key: 'X', kind: 'tip', title: 't', version: '0', order: '1', colour: 'red' }, '<b>hi</b>'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toMatch(/unknown front matter field colour/);
    expect(r.problems.some((p) => p.startsWith('key:'))).toBe(true);
    expect(r.problems.some((p) => p.startsWith('kind:'))).toBe(true);
    expect(r.problems.some((p) => p.startsWith('version:'))).toBe(true);
    expect(r.problems.some((p) => p.includes('raw HTML'))).toBe(true);
  });

  it('requires a bridge, the four hard moments, the crisis item linked to safety, and keys matching file names', () => {
    const noCrisisLink = complete().map((s) => (s.name === 'crisis' ? file('crisis', 'what_if') : s));
    const r1 = assembleGuideContent(noCrisisLink);
    expect(r1.ok ? [] : r1.problems).toEqual(['crisis: the crisis item must have "link: safety"']);
    const r2 = assembleGuideContent(complete().filter((s) => s.name !== 'bad_week' && s.name !== 'back_to_topic'));
    expect(r2.ok ? [] : r2.problems).toEqual([
      'the guide has no bridge prompt (kind: bridge)',
      'the guide needs a "what if" item with key bad_week',
    ]);
    const r3 = assembleGuideContent([...complete(), { ...file('only_chat', 'what_if'), file: 'other.md', name: 'other' }]);
    expect(r3.ok ? [] : r3.problems).toEqual([
      'other.md: key "only_chat" must equal the file name "other"',
      'other.md: key "only_chat" is used twice',
    ]);
  });
});

describe('check-in reminders', () => {
  const zone = 'America/New_York';
  // Monday 2 March 2026, 15:00 UTC = 10:00 in New York (EST).
  const monday10 = new Date('2026-03-02T15:00:00Z');
  const base: ReminderFacts = {
    status: 'active',
    hasAccount: true,
    email: 'p@example.org',
    phone: '+15550100',
    preferredChannel: 'phone',
    preferredDays: [],
    preferredTimes: [],
    notBefore: null,
    notAfter: null,
    contactPausedUntil: null,
    lastCheckInOn: '2026-02-23',
  };
  const decide = (o: Partial<ReminderFacts>, at = monday10, canText = false) =>
    checkInReminder({ ...base, ...o }, at, zone, { canText });

  it('is due a week after the last check-in, by e-mail, once per ISO week', () => {
    expect(decide({})).toEqual({ isDue: true, channel: 'email', week: '2026-W10', today: '2026-03-02' });
    expect(decide({ lastCheckInOn: null })).toMatchObject({ isDue: true });
    expect(decide({ lastCheckInOn: '2026-02-24' })).toEqual({ isDue: false, why: 'not_due' });
  });

  it('respects the days, the times of day and "not before / not after" in the program zone', () => {
    expect(decide({ preferredDays: ['tue', 'wed'] })).toEqual({ isDue: false, why: 'not_a_preferred_day' });
    expect(decide({ preferredDays: ['mon'] })).toMatchObject({ isDue: true });
    expect(decide({ preferredTimes: ['evening'] })).toEqual({ isDue: false, why: 'outside_hours' });
    expect(decide({ preferredTimes: ['morning'] })).toMatchObject({ isDue: true });
    expect(decide({ notBefore: '10:30' })).toEqual({ isDue: false, why: 'outside_hours' });
    expect(decide({ notAfter: '10:00' })).toEqual({ isDue: false, why: 'outside_hours' });
    // 07:00 in New York is before the default window (09:00–20:00), whatever UTC says.
    expect(decide({}, new Date('2026-03-02T12:00:00Z'))).toEqual({ isDue: false, why: 'outside_hours' });
    expect(decide({ notBefore: '06:30' }, new Date('2026-03-02T12:00:00Z'))).toMatchObject({ isDue: true });
  });

  it('stays quiet during a pause, without an account and outside the program', () => {
    expect(decide({ contactPausedUntil: '2026-03-05' })).toEqual({ isDue: false, why: 'paused' });
    expect(decide({ contactPausedUntil: '2026-03-02' })).toMatchObject({ isDue: true });
    expect(decide({ hasAccount: false })).toEqual({ isDue: false, why: 'no_account' });
    expect(decide({ status: 'withdrawn' })).toEqual({ isDue: false, why: 'not_in_program' });
  });

  it('takes the preferred channel when it can, then e-mail, then a text, then the app only', () => {
    expect(reminderChannel({ ...base, preferredChannel: 'text' }, true)).toBe('text');
    expect(reminderChannel({ ...base, preferredChannel: 'text' }, false)).toBe('email');
    expect(reminderChannel({ ...base, email: null }, true)).toBe('text');
    expect(reminderChannel({ ...base, email: null }, false)).toBe('in_app');
  });

  it('numbers ISO weeks across the turn of the year', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-03-08')).toBe('2026-W10');
    expect(isoWeekOf('2026-03-09')).toBe('2026-W11');
  });
});
