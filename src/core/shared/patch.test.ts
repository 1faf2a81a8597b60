import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CoachUpdate } from '../coaches';
import { ProgramUpdate } from '../programs';
import { patchSchema } from './patch';

describe('patchSchema', () => {
  it('makes every field optional and fills in no defaults', () => {
    const Create = z.object({ name: z.string(), size: z.int().default(3), tags: z.array(z.string()).default([]) });
    const Patch = patchSchema(Create);
    expect(Patch.parse({})).toEqual({});
    expect(Patch.parse({ size: 5 })).toEqual({ size: 5 });
    expect(Patch.safeParse({ size: 'big' }).success).toBe(false);
    expect(Create.parse({ name: 'x' })).toEqual({ name: 'x', size: 3, tags: [] });
  });

  it('keeps the PATCH schemas of coaches and programs from resetting fields the caller did not send', () => {
    expect(CoachUpdate.parse({ caseload: 3 })).toEqual({ caseload: 3 });
    expect(ProgramUpdate.parse({ name: 'Renamed' })).toEqual({ name: 'Renamed' });
  });

  it('still validates the fields that are sent, refinements included', () => {
    expect(CoachUpdate.safeParse({ caseload: 0 }).success).toBe(false);
    const dup = [
      { key: 'pacing', title: 'A' },
      { key: 'pacing', title: 'B' },
    ];
    expect(ProgramUpdate.safeParse({ topics: dup }).success).toBe(false);
  });
});
