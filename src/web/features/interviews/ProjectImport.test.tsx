// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProjectImportResult } from '../../../core/interviews';
import { ProjectImportForm } from './ProjectImport';

const ROSA = 'a1b2c3d4-0001-4000-8000-000000000001';
const SAM = 'a1b2c3d4-0002-4000-8000-000000000002';
const LEAD = '00000000-0000-4000-8000-00000000000a';
const CODER = '00000000-0000-4000-8000-00000000000b';

const preview: ProjectImportResult = {
  saved: false,
  projectName: 'Peer support interviews',
  users: [
    { guid: ROSA, name: 'Rosa', codings: 2, memos: 2, personId: null },
    { guid: SAM, name: 'Sam', codings: 3, memos: 1, personId: null },
  ],
  team: [
    { personId: LEAD, name: 'Rosa' },
    { personId: CODER, name: 'Dee Coder' },
  ],
  codes: { inFile: 5, created: 0, alreadyThere: [] },
  transcripts: 1,
  codings: 5,
  coders: 2,
  memos: 3,
  notImported: { codings: 0, memos: 0, cases: 1, otherSources: 0 },
};
const saved: ProjectImportResult = {
  ...preview,
  saved: true,
  codes: { inFile: 5, created: 5, alreadyThere: [] },
  codings: 2,
  coders: 1,
  memos: 2,
  notImported: { codings: 3, memos: 1, cases: 1, otherSources: 0 },
};

afterEach(cleanup);

describe('ProjectImportForm', () => {
  it('reads the file, shows what it holds, maps each file user to a team member or nobody, then imports', async () => {
    const send = vi.fn().mockResolvedValueOnce(preview).mockResolvedValueOnce(saved);
    const user = userEvent.setup();
    render(
      <ProjectImportForm
        audiences={['participants']}
        audienceWords={{ participants: 'Participants', coaches: 'Coaches', staff: 'Staff' }}
        send={send}
        busy={false}
        error={null}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Read the file' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose a project file (.qdpx) first.');
    expect(send).not.toHaveBeenCalled();

    await user.upload(screen.getByLabelText('Project file (.qdpx)'), new File(['PK'], 'study.qdpx', { type: 'application/zip' }));
    await user.click(screen.getByRole('button', { name: 'Read the file' }));
    expect(send).toHaveBeenLastCalledWith({ content: btoa('PK'), audience: 'participants', users: {}, preview: true });

    const holds = await screen.findByRole('region', { name: 'What the file holds' });
    expect(
      within(holds)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '5 codes, 1 transcript, 5 coded passages by 2 coders, 3 memos.',
      '1 case not imported because Kindred keeps no cases: link each transcript to the person interviewed instead.',
    ]);
    // Rosa is on the team under the same name; Sam is nobody's until the lead says.
    const rosa = screen.getByRole('combobox', { name: 'Rosa (2 coded passages, 2 memos) is' }) as HTMLSelectElement;
    const sam = screen.getByRole('combobox', { name: 'Sam (3 coded passages, 1 memo) is' }) as HTMLSelectElement;
    expect(rosa.value).toBe(LEAD);
    expect(sam.value).toBe('nobody');
    await user.selectOptions(sam, CODER);
    await user.selectOptions(sam, 'Nobody: leave this work out');

    await user.click(screen.getByRole('button', { name: 'Import the project' }));
    expect(send).toHaveBeenLastCalledWith({
      content: btoa('PK'),
      audience: 'participants',
      users: { [ROSA]: LEAD, [SAM]: null },
      preview: false,
    });
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Imported 5 new codes, 1 transcript, 2 coded passages by 1 coder, 2 memos.');
    expect(status.textContent).toContain(
      '3 coded passages and 1 memo not imported because the person who wrote them in the file was not matched to anyone on the team.',
    );
    expect(screen.queryByRole('region', { name: 'What the file holds' })).toBeNull();
    expect((screen.getByLabelText('Project file (.qdpx)') as HTMLInputElement).files).toHaveLength(0);
  });
});
