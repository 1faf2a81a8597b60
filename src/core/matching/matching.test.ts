import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MATCHING_SETTINGS,
  MatchingSettings,
  greedyMatches,
  maxPairQuality,
  proposeMatches,
  type MatchCoach,
  type MatchParticipant,
} from '.';

const participant = (id: string, o: Partial<MatchParticipant> = {}): MatchParticipant => ({
  id,
  gender: 'man',
  genderMatters: true,
  modalities: ['phone'],
  painLocations: ['knee'],
  ...o,
});
const coach = (id: string, o: Partial<MatchCoach> = {}): MatchCoach => ({
  id,
  gender: 'man',
  status: 'active',
  capacityLeft: 1,
  modalities: ['phone'],
  painLocations: [],
  ...o,
});
const settings = (o: unknown = {}) => MatchingSettings.parse(o);
const pairsOf = (r: { proposals: { participantId: string; coachId: string }[] }) =>
  Object.fromEntries(r.proposals.map((p) => [p.participantId, p.coachId]));

describe('matching settings', () => {
  it('defaults every hard rule on and weights pain location highest', () => {
    expect(DEFAULT_MATCHING_SETTINGS).toEqual({
      rules: { sameGender: true, modality: true, times: true, trainedCoach: true },
      weights: { painLocations: 4, background: 2, ageBand: 1, sameTown: 2, language: 3 },
      ageBandYears: 10,
    });
    expect(maxPairQuality(DEFAULT_MATCHING_SETTINGS)).toBe(4 + 2 * 2 + 1 + 2 + 3);
  });

  it('keeps the other defaults when one is given, and refuses negative or fractional weights', () => {
    expect(settings({ rules: { times: false } }).rules).toEqual({
      sameGender: true,
      modality: true,
      times: false,
      trainedCoach: true,
    });
    expect(MatchingSettings.safeParse({ weights: { language: -1 } }).success).toBe(false);
    expect(MatchingSettings.safeParse({ weights: { language: 1.5 } }).success).toBe(false);
  });
});

describe('hard rules', () => {
  it('gender: pairs a man with a man, not with a woman, and says why the woman is left', () => {
    const r = proposeMatches([participant('p1')], [coach('c-woman', { gender: 'woman' }), coach('c-man')]);
    expect(pairsOf(r)).toEqual({ p1: 'c-man' });
    const alone = proposeMatches([participant('p1')], [coach('c-woman', { gender: 'woman' })]);
    expect(alone.proposals).toEqual([]);
    expect(alone.unmatched).toEqual([
      { participantId: 'p1', code: 'no_compatible_coach', reason: 'no coach in the program is of the same gender' },
    ]);
  });

  it('gender: does not apply when the participant said it does not matter, or a gender is not stated', () => {
    const women = [coach('c1', { gender: 'woman' })];
    expect(pairsOf(proposeMatches([participant('p1', { genderMatters: false })], women))).toEqual({ p1: 'c1' });
    expect(pairsOf(proposeMatches([participant('p1', { gender: 'not_stated' })], women))).toEqual({ p1: 'c1' });
    expect(pairsOf(proposeMatches([participant('p1')], [coach('c1', { gender: 'not_stated' })]))).toEqual({ p1: 'c1' });
  });

  it('gender: switched off, it proposes across genders and flags that approval needs a reason', () => {
    const r = proposeMatches([participant('p1')], [coach('c1', { gender: 'woman' })], settings({ rules: { sameGender: false } }));
    expect(r.proposals).toMatchObject([{ participantId: 'p1', coachId: 'c1', needsGenderReason: true }]);
    expect(r.proposals[0]!.reasons).toContain('different gender: approving needs a recorded reason');
  });

  it('modality: a participant who meets by video gets a coach who offers video', () => {
    const p = participant('p1', { modalities: ['video'] });
    expect(pairsOf(proposeMatches([p], [coach('c-phone'), coach('c-video', { modalities: ['phone', 'video'] })]))).toEqual({
      p1: 'c-video',
    });
    const r = proposeMatches([p], [coach('c-phone')]);
    expect(r.unmatched).toEqual([
      { participantId: 'p1', code: 'no_compatible_coach', reason: 'no coach in the program offers video calls' },
    ]);
    expect(pairsOf(proposeMatches([p], [coach('c-phone')], settings({ rules: { modality: false } })))).toEqual({ p1: 'c-phone' });
  });

  it('times: blocks only when both sides gave times and they do not overlap', () => {
    const evening = participant('p1', { times: ['evening'] });
    expect(
      pairsOf(proposeMatches([evening], [coach('c-am', { times: ['morning'] }), coach('c-pm', { times: ['evening'] })])),
    ).toEqual({
      p1: 'c-pm',
    });
    expect(proposeMatches([evening], [coach('c-am', { times: ['morning'] })]).unmatched[0]).toMatchObject({
      code: 'no_compatible_coach',
      reason: 'no coach in the program is available in the evening',
    });
    // Unknown coach times and a participant without times block nothing.
    expect(pairsOf(proposeMatches([evening], [coach('c1')]))).toEqual({ p1: 'c1' });
    expect(pairsOf(proposeMatches([participant('p1', { times: [] })], [coach('c1', { times: ['morning'] })]))).toEqual({
      p1: 'c1',
    });
    expect(
      pairsOf(proposeMatches([evening], [coach('c-am', { times: ['morning'] })], settings({ rules: { times: false } }))),
    ).toEqual({
      p1: 'c-am',
    });
  });

  it('names the fewest rules that rule everyone out', () => {
    const p = participant('p1', { modalities: ['video'] });
    // A woman offering video and a man offering phone: neither rule alone rules everyone out.
    const r = proposeMatches([p], [coach('c1', { gender: 'woman', modalities: ['video'] }), coach('c2')]);
    expect(r.unmatched[0]!.reason).toBe('no coach in the program is of the same gender and offers video calls');
  });

  it('coach status: paused and retired coaches are never proposed', () => {
    const r = proposeMatches(
      [participant('p1')],
      [coach('c1', { status: 'paused' }), coach('c2', { status: 'retired' }), coach('c3', { gender: 'woman' })],
    );
    expect(r.unmatched).toEqual([
      { participantId: 'p1', code: 'no_active_coach', reason: 'every coach who is of the same gender is paused or retired' },
    ]);
  });

  it('training: an untrained coach is not proposed while the rule is on; unknown training does not block', () => {
    const untrained = coach('c1', { isTrained: false });
    const videoOnly = coach('c2', { modalities: ['video'] });
    expect(proposeMatches([participant('p1')], [untrained, videoOnly]).unmatched[0]).toEqual({
      participantId: 'p1',
      code: 'no_trained_coach',
      reason: 'no active coach who offers phone calls has finished training',
    });
    expect(pairsOf(proposeMatches([participant('p1')], [untrained], settings({ rules: { trainedCoach: false } })))).toEqual({
      p1: 'c1',
    });
    expect(pairsOf(proposeMatches([participant('p1')], [coach('c1', { isTrained: undefined })]))).toEqual({ p1: 'c1' });
  });

  it('capacity: a coach takes no more than the places left, and a full coach is explained', () => {
    const r = proposeMatches([participant('p1'), participant('p2'), participant('p3')], [coach('c1', { capacityLeft: 2 })]);
    expect(r.proposals.map((x) => x.coachId)).toEqual(['c1', 'c1']);
    expect(r.unmatched).toEqual([
      {
        participantId: 'p3',
        code: 'places_taken_by_better_matches',
        reason: 'the one eligible coach with a place is taken by a match that pairs more participants or fits better overall',
      },
    ]);
    // Only the rules that rule some coach out are named: no coach has recorded times of day.
    const full = proposeMatches(
      [participant('p1', { times: ['evening'] })],
      [coach('c1', { capacityLeft: 0 }), coach('c2', { gender: 'woman' })],
    );
    expect(full.unmatched[0]).toMatchObject({
      code: 'no_coach_with_place',
      reason: 'no trained coach who is of the same gender has a place left',
    });
  });

  it('permission: a participant who has not allowed sharing contact details is never proposed', () => {
    const r = proposeMatches([participant('p1', { canShareContact: false })], [coach('c1')]);
    expect(r.proposals).toEqual([]);
    expect(r.unmatched).toEqual([
      {
        participantId: 'p1',
        code: 'no_permission_to_share_contact',
        reason: 'has not given permission to share contact details with a coach',
      },
    ]);
  });

  it('never proposes again the coach of a pairing that ended because they could not reach each other, and says so', () => {
    // c1 fits best (shared pain location) but the participant's pairing with c1 ended for reach.
    const p = participant('p1', { avoidCoaches: [{ coachId: 'c1', reason: 'reach' }] });
    const coaches = [coach('c1', { painLocations: ['knee'], capacityLeft: 2 }), coach('c2')];
    const r = proposeMatches([p, participant('p2')], coaches, DEFAULT_MATCHING_SETTINGS, { alternatives: 3 });
    // p2, who has no history with c1, still gets the best fit; p1 gets the other coach.
    expect(pairsOf(r)).toEqual({ p1: 'c2', p2: 'c1' });
    const p1 = r.proposals.find((x) => x.participantId === 'p1')!;
    expect(p1.reasons).toContain('not the coach of an earlier pairing that ended because they could not reach each other');
    expect(p1.alternatives.map((a) => a.coachId)).not.toContain('c1');
    expect(greedyMatches([p], coaches).pairs).toEqual([{ participantId: 'p1', coachId: 'c2', quality: 0 }]);
  });

  it('explains a participant left waiting because the only coach who fits ended an earlier pairing for fit', () => {
    const p = participant('p1', { avoidCoaches: [{ coachId: 'c1', reason: 'fit' }] });
    const r = proposeMatches([p], [coach('c1'), coach('c2', { gender: 'woman' })]);
    expect(r.proposals).toEqual([]);
    expect(r.unmatched).toEqual([
      {
        participantId: 'p1',
        code: 'no_compatible_coach',
        reason: 'the only coach who fits is the one from an earlier pairing that ended because it was not a good fit',
      },
    ]);
  });

  it('says so when the program has no coaches at all', () => {
    expect(proposeMatches([participant('p1')], []).unmatched[0]!.reason).toBe('the program has no coaches yet');
  });
});

describe('preferences', () => {
  /** Which of two otherwise identical coaches the participant gets, when one differs by `o`. */
  const preferred = (p: Partial<MatchParticipant>, o: Partial<MatchCoach>, s = DEFAULT_MATCHING_SETTINGS) =>
    pairsOf(proposeMatches([participant('p1', p)], [coach('c-a'), coach('c-b', o)], s))['p1'];

  it('shared pain location', () => {
    expect(preferred({ painLocations: ['low_back'] }, { painLocations: ['low_back', 'hip'] })).toBe('c-b');
    expect(
      preferred({ painLocations: ['low_back'] }, { painLocations: ['low_back'] }, settings({ weights: { painLocations: 0 } })),
    ).toBe('c-a');
  });

  it('shared background: service branch and era, each counted', () => {
    const r = proposeMatches(
      [participant('p1', { serviceBranch: 'Army', serviceEra: 'Vietnam' })],
      [coach('c-a', { serviceBranch: 'army ' }), coach('c-b', { serviceBranch: 'Army', serviceEra: 'vietnam' })],
    );
    expect(r.proposals[0]).toMatchObject({ coachId: 'c-b', quality: 4 });
    expect(r.proposals[0]!.reasons).toContain('both served in the Army in the Vietnam era');
  });

  it('age band: born within the band', () => {
    expect(preferred({ birthYear: 1960 }, { birthYear: 1968 })).toBe('c-b');
    expect(preferred({ birthYear: 1960 }, { birthYear: 1968 }, settings({ ageBandYears: 5 }))).toBe('c-a');
  });

  it('same town counts only when both meet in person', () => {
    const inPerson = { modalities: ['in_person' as const], town: 'Greenwood' };
    expect(
      pairsOf(
        proposeMatches(
          [participant('p1', inPerson)],
          [
            coach('c-a', { modalities: ['in_person'], town: 'Carmel' }),
            coach('c-b', { modalities: ['in_person'], town: 'greenwood' }),
          ],
        ),
      )['p1'],
    ).toBe('c-b');
    // By phone the town does not matter.
    expect(
      proposeMatches([participant('p1', { town: 'Greenwood' })], [coach('c1', { town: 'Greenwood' })]).proposals[0]!.quality,
    ).toBe(0);
  });

  it('a language in common', () => {
    expect(preferred({ languages: ['Spanish'] }, { languages: ['English', 'spanish'] })).toBe('c-b');
  });

  it('unknown attributes neither help nor block', () => {
    const r = proposeMatches([participant('p1', { birthYear: null, serviceBranch: 'Navy' })], [coach('c1')]);
    expect(r.proposals[0]).toMatchObject({ coachId: 'c1', quality: 0 });
  });

  it('explains a proposal in plain words', () => {
    const r = proposeMatches(
      [participant('p1', { painLocations: ['low_back', 'knee'], times: ['evening', 'morning'], languages: ['Spanish'] })],
      [coach('c1', { painLocations: ['low_back'], times: ['evening'], modalities: ['phone', 'video'], languages: ['Spanish'] })],
    );
    expect(r.proposals[0]!.reasons).toEqual([
      'same gender',
      'both have low-back pain',
      'both prefer evenings by phone',
      'both speak Spanish',
    ]);
    expect(r.proposals[0]!.quality).toBe(4 + 3);
  });
});

describe('the whole program at once', () => {
  it('beats first come, first served: gives the only video coach to the one who needs video', () => {
    // p1 waited longest and is happy by phone or video; p2 only meets by video. Greedy gives p1
    // the video coach (shared pain) and leaves p2 alone; the optimum pairs both.
    const ps = [
      participant('p1', { waitingSince: '2026-01-01', modalities: ['phone', 'video'], painLocations: ['knee'] }),
      participant('p2', { waitingSince: '2026-02-01', modalities: ['video'], painLocations: ['hip'] }),
    ];
    const cs = [
      coach('c-video', { modalities: ['video'], painLocations: ['knee'] }),
      coach('c-phone', { modalities: ['phone'] }),
    ];
    expect(greedyMatches(ps, cs)).toMatchObject({ matched: 1, pairs: [{ participantId: 'p1', coachId: 'c-video' }] });
    const r = proposeMatches(ps, cs);
    expect(pairsOf(r)).toEqual({ p1: 'c-phone', p2: 'c-video' });
    expect(r.unmatched).toEqual([]);
  });

  it('among equals, the longest waiting is matched first', () => {
    const r = proposeMatches(
      [participant('p-late', { waitingSince: '2026-03-01' }), participant('p-early', { waitingSince: '2026-01-01' })],
      [coach('c1')],
    );
    expect(pairsOf(r)).toEqual({ 'p-early': 'c1' });
    expect(r.unmatched.map((u) => u.participantId)).toEqual(['p-late']);
  });

  it('is deterministic: the same people in another order give the same answer', () => {
    const ps = Array.from({ length: 12 }, (_, k) =>
      participant(`p${k}`, { painLocations: [k % 2 ? 'knee' : 'hip'], gender: k % 3 ? 'man' : 'woman' }),
    );
    const cs = Array.from({ length: 5 }, (_, k) =>
      coach(`c${k}`, { painLocations: [k % 2 ? 'hip' : 'knee'], gender: k % 2 ? 'man' : 'woman', capacityLeft: 2 }),
    );
    const a = proposeMatches(ps, cs);
    const b = proposeMatches([...ps].reverse(), [...cs].reverse());
    expect(b).toEqual(a);
  });

  it('spreads participants across identical coaches instead of filling one first', () => {
    const r = proposeMatches(
      [participant('p1'), participant('p2')],
      [coach('c1', { capacityLeft: 2 }), coach('c2', { capacityLeft: 2 })],
    );
    expect(new Set(r.proposals.map((p) => p.coachId))).toEqual(new Set(['c1', 'c2']));
  });

  it('offers other eligible coaches beside a proposal, best first, never the proposed one', () => {
    const r = proposeMatches(
      [participant('p1', { painLocations: ['knee'] })],
      [
        coach('c1', { painLocations: ['knee'] }),
        coach('c2'),
        coach('c3', { painLocations: ['knee'] }),
        coach('c4', { gender: 'woman' }),
      ],
      DEFAULT_MATCHING_SETTINGS,
      { alternatives: 5 },
    );
    const [proposal] = r.proposals;
    expect(proposal!.coachId).toBe('c1');
    expect(proposal!.alternatives).toEqual([
      {
        coachId: 'c3',
        quality: 4,
        reasons: ['same gender', 'both have knee pain', 'both can meet by phone'],
        needsGenderReason: false,
      },
      { coachId: 'c2', quality: 0, reasons: ['same gender', 'both can meet by phone'], needsGenderReason: false },
    ]);
  });
});
