// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PegChart } from './PegChart';

const NOW = new Date(2026, 2, 10);
const checkIns = [
  { on: '2026-02-16', pain: 7, enjoyment: 7, activity: 6, score: 20 / 3 },
  { on: '2026-02-23', pain: 6, enjoyment: 6, activity: 6, score: 6 },
  { on: '2026-03-02', pain: 5, enjoyment: 6, activity: 5, score: 16 / 3 },
];
const summary = 'Your pain score is 1.3 points lower than when you started (6.7 then, 5.3 now).';

describe('PegChart', () => {
  afterEach(cleanup);

  it('is an image named by its title and described by what changed, inside a captioned figure', () => {
    render(<PegChart checkIns={checkIns} marks={[{ on: '2026-02-23', label: 'Plan 1' }]} summary={summary} now={NOW} />);
    expect(screen.getByRole('figure', { name: 'Pain score by week: lower is better' })).toBeTruthy();
    const img = screen.getByRole('img', { name: 'Pain score by week' });
    expect(document.getElementById(img.getAttribute('aria-describedby')!)?.textContent).toBe(summary);
  });

  it('draws a point per check-in, higher on the chart for a higher score, a line through them and the plans marked', () => {
    const { container } = render(
      <PegChart checkIns={checkIns} marks={[{ on: '2026-02-23', label: 'Plan 1' }]} summary={summary} now={NOW} />,
    );
    const points = [...container.querySelectorAll('circle.peg-chart__point')];
    expect(points.map((c) => c.querySelector('title')?.textContent)).toEqual([
      'Mon 16 Feb: 6.7',
      'Mon 23 Feb: 6',
      'Mon 2 Mar: 5.3',
    ]);
    const ys = points.map((c) => Number(c.getAttribute('cy')));
    const xs = points.map((c) => Number(c.getAttribute('cx')));
    expect(ys[0]).toBeLessThan(ys[1]!);
    expect(ys[1]).toBeLessThan(ys[2]!);
    expect(xs[0]).toBeLessThan(xs[1]!);
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[2]! - xs[1]!, 5);
    expect(container.querySelector('path.peg-chart__line')?.getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/,
    );
    const mark = container.querySelector('line.peg-chart__mark')!;
    expect(Number(mark.getAttribute('x1'))).toBeCloseTo(xs[1]!, 5);
    expect(screen.getByText('Plan 1')).toBeTruthy();
    // No inline styles: everything is classes and SVG attributes (strict CSP).
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('gives the same numbers as a table, newest first', () => {
    render(<PegChart checkIns={checkIns} marks={[]} summary={summary} now={NOW} />);
    const table = screen.getByRole('table', { name: /Check-in answers, week by week/ });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Mon 2 Mar', '5', '6', '5', '5.3'],
      ['Mon 23 Feb', '6', '6', '6', '6'],
      ['Mon 16 Feb', '7', '7', '6', '6.7'],
    ]);
  });

  it('says for staff how each check-in came, in the app or by text message', () => {
    const sourced = checkIns.map((c, i) => ({ ...c, source: i === 1 ? ('text' as const) : ('app' as const) }));
    render(<PegChart checkIns={sourced} marks={[]} summary={summary} now={NOW} showSource />);
    const table = screen.getByRole('table', { name: /Check-in answers, week by week/ });
    expect(within(table).getByRole('columnheader', { name: 'How' })).toBeTruthy();
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Mon 2 Mar', '5', '6', '5', '5.3', 'In the app'],
      ['Mon 23 Feb', '6', '6', '6', '6', 'By text message'],
      ['Mon 16 Feb', '7', '7', '6', '6.7', 'In the app'],
    ]);
  });

  it('has no “How” column unless asked (the participant’s own chart)', () => {
    render(
      <PegChart checkIns={checkIns.map((c) => ({ ...c, source: 'text' as const }))} marks={[]} summary={summary} now={NOW} />,
    );
    expect(screen.queryByRole('columnheader', { name: 'How' })).toBeNull();
    expect(screen.queryByText('By text message')).toBeNull();
  });

  it('draws a single check-in as one point without a line', () => {
    const { container } = render(<PegChart checkIns={checkIns.slice(0, 1)} marks={[]} summary="Starting point." now={NOW} />);
    expect(container.querySelectorAll('circle.peg-chart__point')).toHaveLength(1);
    expect(container.querySelector('path.peg-chart__line')).toBeNull();
  });
});
