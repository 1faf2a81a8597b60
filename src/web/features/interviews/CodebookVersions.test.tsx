import { describe, expect, it } from 'vitest';
import { diffLines } from './CodebookVersions';
import { importSummary } from './StudyPages';

describe('the codebook in words', () => {
  it('says what changed between two versions, a sentence each', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(
      diffLines({
        from: 1,
        to: 2,
        added: [{ id, path: 'Barriers > Work' }],
        removed: [{ id, path: 'Relief' }],
        renamed: [{ id, from: 'Benefits', to: 'Gains' }],
        moved: [{ id, from: '', to: 'Gains' }],
        changed: [{ id, path: 'Gains > Hope', fields: ['definition', 'whenNotToUse'] }],
      }),
    ).toEqual([
      'Added “Barriers > Work”.',
      'Removed “Relief”.',
      'Renamed “Benefits” to “Gains”.',
      'Moved a code from the top level to “Gains”.',
      'Changed the definition and when not to use of “Gains > Hope”.',
    ]);
  });

  it('says what an import did, naming the codes already there', () => {
    expect(importSummary({ created: [{}, {}], alreadyThere: ['Barriers', 'Barriers > Work'] })).toBe(
      '2 codes were added. Already in the codebook and left as they were: Barriers; Barriers > Work.',
    );
    expect(importSummary({ created: [], alreadyThere: [] })).toBe('No new codes were added.');
  });
});
