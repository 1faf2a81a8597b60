import { describe, expect, it } from 'vitest';
import { countSecondStage, type SecondStageParticipant } from './consort';

const arms = [{ key: 'coaching' }, { key: 'class' }];
const options = [{ key: 'staff_support' }, { key: 'new_coach' }];
const responder = (arm: string): SecondStageParticipant => ({ arm, decision: { responder: true, option: null } });
const nonResponder = (arm: string, option: string): SecondStageParticipant => ({ arm, decision: { responder: false, option } });
const waiting = (arm: string): SecondStageParticipant => ({ arm, decision: null });

describe('CONSORT second stage of a SMART (ADR 0037)', () => {
  it('matches a hand count per first arm: responders, non-responders per option, not yet decided', () => {
    const people = [
      // coaching: 6 allocated; 2 respond, 3 do not (2 staff support, 1 new coach), 1 waiting
      responder('coaching'),
      responder('coaching'),
      nonResponder('coaching', 'staff_support'),
      nonResponder('coaching', 'new_coach'),
      nonResponder('coaching', 'staff_support'),
      waiting('coaching'),
      // class: 3 allocated; none respond, 1 re-randomized to new coach, 2 waiting
      nonResponder('class', 'new_coach'),
      waiting('class'),
      waiting('class'),
      // an arm not in the design is skipped
      responder('other'),
    ];
    expect(countSecondStage('Week 8', arms, options, people)).toEqual({
      decisionPoint: 'Week 8',
      options: ['staff_support', 'new_coach'],
      arms: [
        {
          arm: 'coaching',
          decided: 5,
          responders: 2,
          nonResponders: 3,
          rerandomized: { staff_support: 2, new_coach: 1 },
          notDecided: 1,
        },
        {
          arm: 'class',
          decided: 1,
          responders: 0,
          nonResponders: 1,
          rerandomized: { staff_support: 0, new_coach: 1 },
          notDecided: 2,
        },
      ],
    });
  });

  it('adds up: decided + not decided = allocated, and non-responders = the sum over options', () => {
    const people: SecondStageParticipant[] = [];
    for (let i = 0; i < 40; i++) {
      const arm = i % 3 === 0 ? 'class' : 'coaching';
      people.push(i % 5 === 0 ? waiting(arm) : i % 4 === 0 ? responder(arm) : nonResponder(arm, options[i % 2]!.key));
    }
    const s = countSecondStage('Week 8', arms, options, people);
    for (const a of s.arms) {
      const allocated = people.filter((p) => p.arm === a.arm).length;
      expect(a.decided + a.notDecided).toBe(allocated);
      expect(a.responders + a.nonResponders).toBe(a.decided);
      expect(Object.values(a.rerandomized).reduce((x, n) => x + n, 0)).toBe(a.nonResponders);
    }
  });

  it('names arms and options as the caller asks (masked labels for evaluators)', () => {
    const s = countSecondStage(
      'Week 8',
      arms,
      options,
      [nonResponder('class', 'staff_support')],
      (k) => (k === 'coaching' ? 'Arm B' : 'Arm A'),
      (k) => (k === 'staff_support' ? 'Option B' : 'Option A'),
    );
    expect(s.options).toEqual(['Option B', 'Option A']);
    expect(s.arms.map((a) => a.arm)).toEqual(['Arm B', 'Arm A']);
    expect(s.arms[1]!.rerandomized).toEqual({ 'Option B': 1, 'Option A': 0 });
    expect(JSON.stringify(s)).not.toMatch(/staff_support|coaching/);
  });
});
