import { vi } from 'vitest';
import { main } from './main';

/** Runs the CLI in this process with only the given configuration variables set, capturing its output. */
export async function runCli(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) {
    if (k.startsWith('KINDRED_') || ['DATABASE_URL', 'PORT', 'SMTP_URL'].includes(k)) delete process.env[k];
  }
  Object.assign(process.env, env);
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
