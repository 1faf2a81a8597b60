import { useState } from 'react';
import { useProgram } from '../../app/program';
import { Button } from '../../ui/controls';
import { FormActions, FormErrors, TextArea } from '../../ui/form';
import { Section } from '../../ui/Page';
import { useUploadTable } from './trials.api';

/**
 * Before the first randomization, a study that allocates from a table takes it here (REDCap's CSV:
 * a column per stratum, then the arm column). The server checks every row and answers the balance
 * per stratum, never the rows, so nothing on the page reveals the sequence.
 */
export function AllocationTableForm({ summary }: { summary: { rows: number } | null }) {
  const program = useProgram();
  const upload = useUploadTable(program.programId);
  const [csv, setCsv] = useState('');
  return (
    <Section title="Allocation table" id="study-allocation-table">
      {summary ? <p role="status">A table of {summary.rows} rows is checked and stored. A new upload replaces it.</p> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          upload.mutate(csv);
        }}
        noValidate
      >
        <FormErrors error={upload.error} title="Could not store the table" />
        <label className="field">
          <span className="field__label">Table file (CSV)</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setCsv);
            }}
          />
        </label>
        <TextArea label="Or paste the table" rows={6} value={csv} onChange={setCsv} />
        <FormActions>
          <Button type="submit" disabled={upload.isPending || csv.trim() === ''}>
            Check and store the table
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
