import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TRAINING_DIR, loadTraining, TrainingContentError } from './training.loader';

describe('the built-in coach training', () => {
  const training = loadTraining();

  it('has the seven modules the issue names, in order, each with a 3–5 question quiz and a pass mark', () => {
    expect(training.modules.map((m) => m.key)).toEqual([
      'role_and_boundaries',
      'listening',
      'motivational_conversation',
      'action_planning',
      'session_guide',
      'safety',
      'privacy',
    ]);
    for (const m of training.modules) {
      expect(m.questions.length, m.key).toBeGreaterThanOrEqual(3);
      expect(m.questions.length, m.key).toBeLessThanOrEqual(5);
      expect(m.passMark, m.key).toBeLessThanOrEqual(m.questions.length);
    }
  });

  it('teaches the safety protocol: 988 then 1, a warm hand-off, the coordinator, and that peers do not assess risk', () => {
    const safety = training.modules.find((m) => m.key === 'safety')!;
    for (const words of ['988 then press 1', 'warm hand-off', 'Tell the coordinator the same day', 'Peers do not assess risk']) {
      expect(safety.content).toContain(words);
    }
    // Every question of the safety module must be answered right.
    expect(safety.passMark).toBe(safety.questions.length);
  });

  it('has the scope-and-boundaries agreement with a statement to agree to', () => {
    expect(training.agreement).toMatchObject({ title: 'Coach scope and boundaries agreement', version: 1 });
    expect(training.agreement.text).toContain('I am a peer, not a clinician');
  });
});

describe('loading training content', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('stops start-up naming each bad file and the problem in it', () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-training-'));
    cpSync(BUILT_IN_TRAINING_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'modules', 'extra.md'), '---\nkey: extra\ntitle: Extra\nversion: one\n---\n');
    writeFileSync(join(dir, 'agreement.md'), '---\ntitle: A\nversion: 1\nstatement: I agree to it all.\n---\n');
    let error: unknown;
    try {
      loadTraining(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TrainingContentError);
    const message = (error as Error).message;
    expect(message).toContain('Invalid training content:');
    expect(message).toMatch(/extra\.md: version: Expected a whole number/);
    expect(message).toMatch(/agreement\.md: section "## Agreement" is missing/);
  });

  it('refuses a directory without modules', () => {
    dir = mkdtempSync(join(tmpdir(), 'kindred-training-'));
    expect(() => loadTraining(dir!)).toThrow(/modules: cannot be read/);
  });
});
