// @vitest-environment happy-dom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './pages';

/** A module load the test finishes by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('lazyPage (pages load on demand, ADR 0018)', () => {
  it('shows the polite loading status while the code loads, then the page', async () => {
    const load = deferred<{ HelloPage: () => React.JSX.Element }>();
    const Page = lazyPage(() => load.promise, 'HelloPage');
    const { container } = render(<Page />);

    const status = screen.getByRole('status');
    expect(status).toHaveProperty('textContent', 'Loading the page…');
    // The class e2e's expectAccessible waits on before it scans.
    expect(status.classList.contains('status--loading')).toBe(true);

    load.resolve({ HelloPage: () => <h1>Hello</h1> });
    expect(await screen.findByRole('heading', { name: 'Hello' })).toBeTruthy();
    expect(container.querySelector('.status--loading')).toBeNull();
  });

  it('says so, with a way to try again, when the code cannot be fetched', async () => {
    const load = deferred<{ HelloPage: () => React.JSX.Element }>();
    const Page = lazyPage(() => load.promise, 'HelloPage');
    render(<Page />);
    load.reject(new TypeError('Failed to fetch dynamically imported module'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This page could not be loaded');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
