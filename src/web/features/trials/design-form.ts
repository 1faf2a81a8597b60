/** What the study design form checks before sending, in words for the field that needs fixing (empty when fine). */
export function designFormProblems(input: {
  method: 'blocks' | 'minimisation' | 'table';
  /** The minimisation chance as typed, in per cent. */
  percent: number;
  stratumLabel: string;
  levels: readonly string[];
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.method === 'minimisation' && !(Number.isInteger(input.percent) && input.percent >= 50 && input.percent <= 100))
    problems.probability = 'Enter a whole number from 50 to 100';
  if (input.stratumLabel !== '') {
    if (input.stratumLabel.length > 120) problems.stratumLabel = 'Use 120 characters or fewer';
    if (input.levels.length < 2) problems.levels = 'Give at least two answers, one a line';
    else if (input.levels.length > 12) problems.levels = 'Give 12 answers or fewer';
    else if (new Set(input.levels.map((l) => l.toLowerCase())).size !== input.levels.length) problems.levels = 'Each answer once';
    else if (input.levels.some((l) => l.length > 120)) problems.levels = 'Keep each answer to 120 characters or fewer';
  }
  return problems;
}
