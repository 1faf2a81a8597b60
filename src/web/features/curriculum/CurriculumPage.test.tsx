// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navItems } from '../../app/layout';
import { scopeOf } from '../../app/program';
import { json, membership, mockApi, PROGRAM_ID, renderInProgram } from '../../testing/render';
import { CurriculumPage } from './CurriculumPage';

const topics = [
  { key: 'sleep', title: 'Sleeping better', summary: 'Small habits help you sleep.', skill: 'A wind-down routine', version: 1 },
  { key: 'pacing', title: 'Activity pacing', summary: 'Balance activity and rest.', skill: 'Work, then rest', version: 1 },
];

describe('CurriculumPage', () => {
  it("lists the program's topics in its order, each linking to its page", async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/curriculum`]: json(topics) });
    renderInProgram(<CurriculumPage />, { member: membership({ roles: ['coach'], can: ['curriculum:view'] }) });
    expect(screen.getByRole('heading', { level: 1, name: 'Curriculum' })).toBeTruthy();
    const links = await screen.findAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Sleeping better', `/programs/${PROGRAM_ID}/curriculum/sleep`],
      ['Activity pacing', `/programs/${PROGRAM_ID}/curriculum/pacing`],
    ]);
    expect(screen.getByText('Skill to try: A wind-down routine')).toBeTruthy();
  });

  it('calls the list "Handouts" for a participant', async () => {
    mockApi({ [`GET /programs/${PROGRAM_ID}/curriculum`]: json(topics) });
    renderInProgram(<CurriculumPage />, {
      member: membership({ roles: ['participant'], participantId: 'p1', can: ['curriculum:view'] }),
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Handouts' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Activity pacing' })).toBeTruthy();
  });
});

describe('navigation', () => {
  const labels = (m: ReturnType<typeof membership>) => navItems(scopeOf(m)).map((i) => i.label);

  it('links the curriculum for members the server allows, by the name each knows it by', () => {
    expect(labels(membership({ roles: ['coordinator'], can: ['curriculum:view', 'overview:view'] }))).toContain('Curriculum');
    expect(labels(membership({ roles: ['coach'], coachId: 'c1', can: ['curriculum:view', 'contact:log'] }))).toEqual([
      'Today',
      'My contacts',
      'Curriculum',
    ]);
    expect(labels(membership({ roles: ['participant'], participantId: 'p1', can: ['curriculum:view'] }))).toEqual([
      'My coach',
      'Handouts',
    ]);
    expect(labels(membership({ roles: ['participant'], participantId: 'p1', can: [] }))).not.toContain('Handouts');
  });
});
