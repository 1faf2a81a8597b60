import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { programPath, useOptionalProgram } from '../../app/program';
import { useMe } from '../../app/session';
import { Button } from '../../ui/controls';
import { SelectField } from '../../ui/form';

/**
 * Switches between the programs the person belongs to. A button confirms the choice, because a
 * select that navigates as soon as it changes surprises keyboard and screen reader users.
 */
export function ProgramSwitcher() {
  const me = useMe();
  const current = useOptionalProgram();
  const navigate = useNavigate();
  const [programId, setProgramId] = useState(current?.programId ?? me.memberships[0]?.programId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (programId) void navigate(programPath(programId));
  };
  return (
    <form className="switcher" onSubmit={submit} aria-label="Switch program">
      <SelectField
        label="Program"
        value={programId}
        onChange={setProgramId}
        options={me.memberships.map((m) => ({ value: m.programId, label: m.programName }))}
      />
      <Button type="submit" variant="secondary">
        Switch
      </Button>
    </form>
  );
}
