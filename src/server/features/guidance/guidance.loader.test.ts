import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_GUIDE_DIR, GuideContentError, loadGuideContent } from './guidance.loader';

describe('the session guide content', () => {
  it('ships valid bridge prompts and the four "what if" items, the crisis one linked to safety', () => {
    const content = loadGuideContent();
    expect(content.bridges.length).toBeGreaterThanOrEqual(1);
    expect(content.whatIfs.map((w) => w.key)).toEqual(['only_chat', 'not_ready', 'bad_week', 'crisis']);
    expect(content.whatIfs.find((w) => w.key === 'crisis')?.link).toBe('safety');
  });

  it('stops start-up naming the file and the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-guide-'));
    for (const name of readdirSync(BUILT_IN_GUIDE_DIR)) {
      writeFileSync(join(dir, name), readFileSync(join(BUILT_IN_GUIDE_DIR, name), 'utf8'));
    }
    writeFileSync(join(dir, 'crisis.md'), readFileSync(join(dir, 'crisis.md'), 'utf8').replace('link: safety\n', ''));
    writeFileSync(join(dir, 'bad_week.md'), readFileSync(join(dir, 'bad_week.md'), 'utf8').replace('version: 1', 'version: x'));
    expect(() => loadGuideContent(dir)).toThrow(GuideContentError);
    expect(() => loadGuideContent(dir)).toThrow(/bad_week\.md: version/);
    writeFileSync(join(dir, 'bad_week.md'), readFileSync(join(BUILT_IN_GUIDE_DIR, 'bad_week.md'), 'utf8'));
    expect(() => loadGuideContent(dir)).toThrow(/crisis: the crisis item must have "link: safety"/);
  });
});
