// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DistributionChart, ScoreChart } from './ScoreCharts';

const bands = [
  { code: 'minimal', min: 0, max: 4 },
  { code: 'mild', min: 5, max: 9 },
  { code: 'moderate', min: 10, max: 14 },
  { code: 'moderately_severe', min: 15, max: 19 },
  { code: 'severe', min: 20, max: 27 },
];
const timepoints = [
  { key: 'baseline', label: 'Baseline' },
  { key: 'month_6', label: '6 months' },
  { key: 'month_9', label: '9 months' },
];
const series = {
  instrumentId: 'phq9',
  title: 'PHQ-9',
  range: { min: 0, max: 27 },
  bands,
  points: [
    { timepointKey: 'baseline', label: 'Baseline', total: 12, severity: 'moderate' },
    { timepointKey: 'month_6', label: '6 months', total: 6, severity: 'mild' },
  ],
};

describe('ScoreChart', () => {
  afterEach(cleanup);

  it('is an image described by every score and its band, with the bands drawn behind', () => {
    const { container } = render(<ScoreChart series={series} timepoints={timepoints} />);
    const img = screen.getByRole('img', { name: 'PHQ-9 by timepoint' });
    expect(document.getElementById(img.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Baseline: 12 (moderate); 6 months: 6 (mild).',
    );
    expect(container.querySelectorAll('rect.score-chart__band')).toHaveLength(5);
    const [first, second] = [...container.querySelectorAll('circle.score-chart__point')].map((c) => Number(c.getAttribute('cy')));
    expect(first!).toBeLessThan(second!); // a higher score sits higher on the chart
  });

  it('gives the same numbers as a table, a row per timepoint, saying which have no score', () => {
    render(<ScoreChart series={series} timepoints={timepoints} />);
    const table = screen.getByRole('table', { name: 'PHQ-9 scores by timepoint' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['12', 'Moderate'],
      ['6', 'Mild'],
      ['No score', '—'],
    ]);
  });
});

describe('DistributionChart', () => {
  afterEach(cleanup);

  it('draws a box per timepoint with scores and tabulates the quartiles and bands', () => {
    const instrument = (
      distribution: { n: number; min: number; q1: number; median: number; q3: number; max: number; mean: number } | null,
    ) => ({
      id: 'phq9',
      title: 'PHQ-9',
      range: { min: 0, max: 27 },
      bands,
      distribution,
      bandCounts: { minimal: 1, mild: 2, moderate: 1, moderately_severe: 0, severe: 0 },
    });
    const { container } = render(
      <DistributionChart
        title="PHQ-9"
        timepoints={[
          { label: 'Baseline', instrument: instrument({ n: 4, min: 2, q1: 5, median: 7, q3: 10, max: 14, mean: 7.5 }) },
          { label: '6 months', instrument: instrument(null) },
        ]}
      />,
    );
    expect(screen.getByRole('img', { name: 'PHQ-9: distribution by timepoint' })).toBeTruthy();
    expect(container.querySelectorAll('rect.score-chart__box')).toHaveLength(1);
    const table = screen.getByRole('table', { name: 'PHQ-9: scores by timepoint' });
    const baseline = within(table).getAllByRole('row')[1]!;
    expect(
      within(baseline)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['4', '2', '5', '7', '10', '14', 'Minimal 1, Mild 2, Moderate 1, Moderately severe 0, Severe 0']);
  });
});
