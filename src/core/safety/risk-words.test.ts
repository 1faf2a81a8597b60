import { describe, expect, it } from 'vitest';
import { flagRiskWords } from './risk-words';

describe('flagRiskWords: flags a check-in note for a person to read, never a diagnosis', () => {
  it.each([
    ['I have been thinking about suicide', 'suicide'],
    ['Some days I want to KILL MYSELF', 'kill myself'],
    ['sometimes I think about killing my self', 'kill myself'],
    ['I feel like ending it all.', 'end it all'],
    ['Thought about ending my life last night', 'end my life'],
    ['My family would be better off without me', 'better off without me'],
    ['I just want to die', 'want to die'],
    ['I wish I was dead', 'want to die'],
    ["There's no reason to live anymore", 'no reason to live'],
    ['I can’t go on like this.', "can't go on"],
    ['cant go on', "can't go on"],
    ["I don't want to live anymore", "don't want to live"],
    ['having thoughts of hurting myself again', 'thoughts of hurting myself'],
    ["I've been self-harming again", 'self-harm'],
    ['took all my pills, maybe an overdose', 'overdose'],
  ])('flags %j', (note, phrase) => {
    const flag = flagRiskWords(note);
    expect(flag.isFlagged).toBe(true);
    expect(flag.phrases).toContain(phrase);
  });

  it.each([
    'I killed it at the gym today!',
    'My back is killing me this week',
    'Dead tired after the walk, but I did it',
    'I hurt myself lifting boxes on Tuesday',
    "I can't go on long walks anymore, but 10 minutes is fine",
    "I'd shoot myself in the foot if I skipped the stretches",
    'Dying to see my grandkids on Sunday',
    'The pie at the diner was to die for',
    'Laughed so hard I thought I was going to die',
    'Cut myself some slack and rested',
    '',
  ])('does not flag everyday pain talk: %j', (note) => {
    expect(flagRiskWords(note)).toEqual({ isFlagged: false, phrases: [] });
  });

  it('does not try to read negation: a person reads these too', () => {
    expect(flagRiskWords("I'm not suicidal, just tired").phrases).toEqual(['suicide']);
    expect(flagRiskWords("I don't want to die, I want the pain to stop").phrases).toEqual(['want to die']);
  });

  it('reports each phrase once, in the list order, and never the note itself', () => {
    const flag = flagRiskWords('Suicide is on my mind. I want to die. Suicidal, really. I want to kill myself.');
    expect(flag).toEqual({ isFlagged: true, phrases: ['suicide', 'kill myself', 'want to die'] });
  });
});
