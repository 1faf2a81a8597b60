import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer, serverBundle, upToDateBundle } from '../../scripts/build-server.mjs';

/** A project shaped like Kindred's (package.json, tsconfig.json, src/cli/main.ts and what it imports). */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'kindred-bundle-'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"kindred","type":"module"}\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(
    join(root, 'src', 'cli', 'main.ts'),
    "import { answer } from './answer';\nexport const main = (): number => answer;\n",
  );
  writeFileSync(join(root, 'src', 'cli', 'answer.ts'), 'export const answer: number = 1;\n');
  return root;
}

async function run(entry: string): Promise<number> {
  // A query string makes each import a fresh module, as a new process would load it.
  const mod = (await import(`${pathToFileURL(entry).href}?${Date.now()}`)) as { main: () => number };
  return mod.main();
}

describe('the server bundle (ADR 0049)', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('is built once, reused while its sources are unchanged, and rebuilt when one changes', async () => {
    const root = project();
    roots.push(root);
    expect(upToDateBundle(root)).toBeNull();

    const first = await serverBundle(root);
    expect(first).not.toBeNull();
    expect(await run(first!)).toBe(1);
    expect(upToDateBundle(root)).toBe(first);
    expect(await serverBundle(root)).toBe(first);

    // An imported file changes: the bundle is stale, and the next start builds and runs the new code.
    writeFileSync(join(root, 'src', 'cli', 'answer.ts'), 'export const answer: number = 2;\n');
    expect(upToDateBundle(root)).toBeNull();
    const second = await serverBundle(root);
    expect(second).not.toBe(first);
    expect(await run(second!)).toBe(2);
    // The previous build stays for a while, for a process that was loading it during the swap.
    expect(readdirSync(join(root, 'dist', 'server')).filter((n) => n.startsWith('b-'))).toHaveLength(2);

    // So does a change to a file that is not bundled but changes the build (the lockfile).
    writeFileSync(join(root, 'package-lock.json'), '{}\n');
    await buildServer(root);
    expect(upToDateBundle(root)).not.toBeNull();
    writeFileSync(join(root, 'package-lock.json'), '{"changed":true}\n');
    expect(upToDateBundle(root)).toBeNull();
  });
});
