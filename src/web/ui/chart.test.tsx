// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChartFigure, linearScale, plotArea, YGrid } from './chart';

afterEach(cleanup);

describe('the chart kit', () => {
  it('maps a domain onto pixels, upside down for a y axis, and a one-value domain to the middle', () => {
    const plot = plotArea(360, 220, { left: 28, right: 16, top: 26, bottom: 30 });
    expect(plot).toEqual({ width: 360, height: 220, left: 28, right: 344, top: 26, bottom: 190 });
    const y = linearScale([0, 10], [plot.bottom, plot.top]);
    expect([y(0), y(5), y(10)]).toEqual([190, 108, 26]);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it('draws an image named by its title and described by its summary, inside a captioned figure', () => {
    const plot = plotArea(100, 50, { left: 10, right: 0, top: 0, bottom: 10 });
    render(
      <ChartFigure caption="Pain by week" title="Pain score" summary="Lower by 2 points since the start." plot={plot}>
        <YGrid plot={plot} ticks={[0, 10]} y={linearScale([0, 10], [plot.bottom, plot.top])} classPrefix="x" />
      </ChartFigure>,
    );
    const img = screen.getByRole('img', { name: 'Pain score' });
    expect(img.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(img.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Lower by 2 points since the start.',
    );
    expect(screen.getByRole('figure', { name: 'Pain by week' })).toBeTruthy();
    expect([...img.querySelectorAll('.x__axis-label')].map((t) => t.textContent)).toEqual(['0', '10']);
  });
});
