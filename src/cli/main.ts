import { Command, CommanderError } from 'commander';
import { Email, Role } from '../core/shared/vocab';
import { Password } from '../core/accounts';
import { ConfigError, loadConfig, type Config } from '../server/config';
import { startServer } from '../server/main';
import { openDatabase, type Database } from '../server/platform/database';
import { resolve } from 'node:path';
import { DataDirLockedError, lockDataDir } from '../server/platform/lock';
import { ArchiveError, backupEmbedded, restoreEmbedded, RestoreTargetError } from '../server/platform/backup';
import { ControlUnavailableError, requestBackup } from '../server/platform/control';
import { dbDir, moveLegacyLayout, socketPath } from '../server/platform/datadir';
import { loggableError } from '../server/platform/logger';
import { createUser } from '../server/features/accounts/accounts.service';
import { isDatabaseEmpty, seedDemo } from '../server/demo/seed';
import { runAnalyzeCommand, type AnalyzeCommandOptions } from './analyze';
import { runConsortCommand } from './consort';
import { runExportCommand } from './export';
import { runInterviewsExportCommand, runInterviewsImportCommand } from './interviews';
import { runMatchCommand } from './match';
import { runReportCommand } from './report';
import { runScoreCommand } from './score';

/** Opens the configured database for a one-off command, holding the data-directory lock meanwhile. */
async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const lock = config.database.kind === 'pglite' ? lockDataDir(config.database.dataDir) : null;
  try {
    if (lock?.tookOver) process.stderr.write(`Note: the previous Kindred process did not stop cleanly (${lock.tookOver}).\n`);
    if (config.database.kind === 'pglite') moveLegacyLayout(config.database.dataDir);
    const db = await openDatabase(
      config.database.kind === 'pglite' ? { kind: 'pglite', dataDir: dbDir(config.database.dataDir) } : config.database,
    );
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  } finally {
    lock?.release();
  }
}

function readPassword(): Promise<string> {
  const fromEnv = process.env.KINDRED_PASSWORD;
  if (fromEnv) return Promise.resolve(fromEnv);
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c) => (data += c));
    process.stdin.on('end', () => resolve(data.replace(/\r?\n$/, '')));
    process.stdin.on('error', reject);
  });
}

/** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 bad usage or configuration). */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('kindred')
    .description('Kindred: volunteer peer-coached chronic pain self-management programs')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('serve')
    .description('run the web server (migrations are applied first)')
    .option('--demo', 'seed the demo program into an empty database unless KINDRED_DEMO says otherwise')
    .action(async (opts: { demo?: boolean }) => {
      const config = loadConfig(process.env, { demoByDefault: opts.demo === true });
      const server = await startServer(config, { firstStartApart: true });
      process.stdout.write(
        `Kindred is running at ${server.url.replace('127.0.0.1', 'localhost')} ` +
          `(${config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL'}` +
          `${config.isDemo ? ', demo program' : ''})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.stop().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
      const config = loadConfig(process.env);
      await withDatabase(config, async () => undefined);
      process.stdout.write('Migrations applied.\n');
    });

  program
    .command('demo')
    .description('seed the demo program into an empty database')
    .action(async () => {
      const config = loadConfig(process.env);
      await withDatabase(config, async (db) => {
        if (!(await isDatabaseEmpty(db.db)))
          throw new UsageError('The database is not empty; the demo program is only seeded into an empty one.');
        const { programId } = await seedDemo(db.db, new Date());
        process.stdout.write(`Demo program seeded (${programId}). Demo accounts use the password kindred-demo.\n`);
      });
    });

  const user = program.command('user').description('manage accounts');
  user
    .command('create')
    .description('create or reset an account; the password is read from KINDRED_PASSWORD or standard input')
    .requiredOption('--email <email>', 'e-mail address used to sign in')
    .requiredOption('--name <name>', 'display name')
    .option('--admin', 'make the account a deployment administrator')
    .option('--program <id>', 'grant a role in this program (with --role)')
    .option('--role <role>', 'admin, coordinator, coach, participant, evaluator or assessor')
    .action(async (opts: { email: string; name: string; admin?: boolean; program?: string; role?: string }) => {
      const email = Email.safeParse(opts.email);
      if (!email.success) throw new UsageError('--email is not a valid e-mail address');
      if ((opts.program === undefined) !== (opts.role === undefined)) throw new UsageError('--program and --role go together');
      const role = opts.role === undefined ? null : Role.safeParse(opts.role);
      if (role && !role.success)
        throw new UsageError('--role must be one of admin, coordinator, coach, participant, evaluator, assessor');
      const password = Password.safeParse(await readPassword());
      if (!password.success) throw new UsageError('The password must have at least 12 characters');
      const config = loadConfig(process.env);
      await withDatabase(config, async (db) => {
        await createUser(db.db, new Date(), {
          email: email.data,
          displayName: opts.name,
          password: password.data,
          isAdmin: opts.admin === true,
          grants: opts.program && role?.success ? [{ programId: opts.program, role: role.data }] : [],
        });
      });
      process.stdout.write(`Account ${email.data} is ready.\n`);
    });

  program
    .command('backup')
    .description(
      'write a consistent copy of the embedded database, asking the running server if there is one (for PostgreSQL, use pg_dump)',
    )
    .option('--out <file>', 'where to write the .tar.gz (default: <data dir>/backups/)')
    .action(async (opts: { out?: string }) => {
      const config = loadConfig(process.env);
      if (config.database.kind === 'postgres') {
        throw new UsageError(
          'DATABASE_URL points at PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom "$DATABASE_URL" > kindred.dump',
        );
      }
      const dataDir = config.database.dataDir;
      const out = opts.out ? resolve(opts.out) : undefined;
      try {
        const r = await withDatabase(config, (db) =>
          backupEmbedded(db, dataDir, new Date(), { out, retention: config.backupRetention }),
        );
        process.stdout.write(`Backup written to ${r.file}\n`);
      } catch (err) {
        if (!(err instanceof DataDirLockedError)) throw err;
        // A server holds the data directory: it takes the backup (consistent, while it runs).
        try {
          const r = await requestBackup(socketPath(dataDir), out ?? null);
          process.stdout.write(`Backup written to ${r.file} by the running server\n`);
        } catch (askErr) {
          if (askErr instanceof ControlUnavailableError) throw err;
          throw askErr;
        }
      }
    });

  program
    .command('restore')
    .description('restore an archive written by kindred backup into an empty data directory, verifying it first')
    .argument('<archive>', 'the .tar.gz to restore')
    .option('--data-dir <dir>', 'where to restore (default: KINDRED_DATA_DIR)')
    .option('--replace', 'move a database already in the data directory aside to <dir>.before-restore-<time> first')
    .action(async (archive: string, opts: { dataDir?: string; replace?: boolean }) => {
      const config = loadConfig(process.env);
      if (config.database.kind === 'postgres' && opts.dataDir === undefined)
        throw new UsageError(
          'DATABASE_URL points at PostgreSQL: restore a pg_dump archive with pg_restore, e.g. pg_restore --clean --if-exists -d "$DATABASE_URL" kindred.dump',
        );
      const dataDir = opts.dataDir ?? (config.database.kind === 'pglite' ? config.database.dataDir : '');
      const r = await restoreEmbedded(archive, dataDir, { replace: opts.replace === true, now: new Date() });
      const rows = Object.entries(r.manifest.tables);
      const total = rows.reduce((a, [, n]) => a + n, 0);
      process.stdout.write(
        [
          `Restored ${r.dbDir} from ${resolve(archive)}`,
          `  taken ${new Date(r.manifest.createdAt).toUTCString()} by Kindred ${r.manifest.kindredVersion}, migration level ${r.manifest.migrations}`,
          `  ${r.manifest.files.length} files matched their checksums; the database opened and passed its check` +
            (r.check.indexesChecked === null ? '' : ` (${r.check.indexesChecked} indexes verified)`),
          `  ${rows.length} tables, ${total} rows: ${rows.map(([t, n]) => `${t} ${n}`).join(', ')}`,
          ...(r.movedAside ? [`  What was there before is in ${r.movedAside}`] : []),
          '',
        ].join('\n'),
      );
    });

  program
    .command('score')
    .description('score answers to an instrument; prints {"instrument","total","subscales","severity","complete","flags"}')
    .argument('[instrument]', 'instrument id (see --list)')
    .option('--answers <json>', 'JSON object of linkId → answer (a number or an answer code)')
    .option('--list', 'list the instruments (id, title, licence)')
    .action((instrument: string | undefined, opts: { answers?: string; list?: boolean }) => {
      const outcome = runScoreCommand(instrument, opts);
      if (!outcome.ok) throw new UsageError(outcome.error);
      process.stdout.write(outcome.out);
    });

  program
    .command('match')
    .description("propose coaches for a program's waiting participants; --dry-run prints the proposal as JSON")
    .requiredOption('--program <id>', 'the program (id)')
    .option('--dry-run', 'print the proposal; nothing is saved (approval happens in the app)')
    .action(async (opts: { program: string; dryRun?: boolean }) => {
      const outcome = await runMatchCommand(opts, (fn) => withDatabase(loadConfig(process.env), fn));
      if (!outcome.ok) throw new UsageError(outcome.error);
      process.stdout.write(outcome.out);
    });

  program
    .command('analyze')
    .description(
      'analyse a trial\'s long CSV (one row per participant × timepoint); prints {"participants","arms","coding","ancova","mixed","moderators","adherence"}',
    )
    .requiredOption('--data <file>', 'the CSV file')
    .requiredOption('--id <column>', 'participant id column')
    .requiredOption('--arm <column>', 'arm column')
    .requiredOption('--control <value>', 'the control arm (the reference)')
    .requiredOption('--time <column>', 'timepoint column')
    .requiredOption('--baseline <value>', 'the baseline timepoint; the others are follow-ups')
    .requiredOption('--outcome <column>', 'outcome column (numeric; empty or NA when missing)')
    .option('--cluster <column>', 'cluster column for the robust standard error (e.g. coach; empty: a cluster of one)')
    .option('--moderators <columns>', 'comma-separated moderator columns (numeric, or text with 2 to 20 values)')
    .option('--predictors <columns>', 'comma-separated predictors of adherence (numeric, or text with 2 to 20 values)')
    .option('--contacts <column>', 'contact count column (with --target)')
    .option('--target <n>', 'contacts needed to count as adherent')
    .action((opts: AnalyzeCommandOptions) => {
      const outcome = runAnalyzeCommand(opts);
      if (!outcome.ok) throw new UsageError(outcome.error);
      process.stdout.write(outcome.out);
      if (outcome.unfitted.length > 0) throw new ModelsNotFittedError(outcome.unfitted.join('\n'));
    });

  program
    .command('report')
    .description('print a program report as JSON: fidelity (logged beside reported, with agreement) or engagement')
    .argument('<kind>', 'fidelity or engagement')
    .requiredOption('--program <id>', 'the program (id)')
    .action(async (kind: string, opts: { program: string }) => {
      const outcome = await runReportCommand(kind, opts, (fn) => withDatabase(loadConfig(process.env), fn));
      if (!outcome.ok) throw new UsageError(outcome.error);
      process.stdout.write(outcome.out);
    });

  program
    .command('consort')
    .description("print a program's CONSORT flow (assessed, excluded, randomized, per arm) as one JSON object")
    .requiredOption('--program <id>', 'the program (id)')
    .action(async (opts: { program: string }) => {
      const outcome = await runConsortCommand(opts, (fn) => withDatabase(loadConfig(process.env), fn));
      if (!outcome.ok) throw new UsageError(outcome.error);
      process.stdout.write(outcome.out);
    });

  program
    .command('export')
    .description("write a study's data export (pseudonymous; masked arms unless --unblinded) with its dictionaries")
    .requiredOption('--program <id>', 'the program (id)')
    .requiredOption(
      '--format <format>',
      'long-csv (with <out>.dictionary.csv and <out>.redcap-dictionary.csv), redcap (with <out>.redcap-dictionary.csv) or fhir (an R4 Bundle)',
    )
    .requiredOption('--out <file>', 'the file to write')
    .option('--unblinded', 'real arm names (only once an admin has unblinded the study)')
    .action(async (opts: { program: string; format: string; out: string; unblinded?: boolean }) => {
      const outcome = await runExportCommand(opts, (fn) => withDatabase(loadConfig(process.env), fn));
      if (!outcome.ok) throw new UsageError(outcome.error);
      process.stdout.write(outcome.written.map((f) => `Wrote ${f}\n`).join(''));
    });

  const interviews = program.command('interviews').description('interview studies (#13)');
  interviews
    .command('export')
    .description("write an interview study's de-identified transcripts as a REFI-QDA project, its coded segments or its codebook")
    .requiredOption('--study <id>', 'the interview study (id)')
    .requiredOption('--format <format>', 'qdpx (REFI-QDA project), csv (coded segments) or qdc (REFI-QDA codebook)')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (opts: { study: string; format: string; out: string }) => {
      const outcome = await runInterviewsExportCommand(opts, (fn) => withDatabase(loadConfig(process.env), fn));
      if (!outcome.ok) throw new UsageError(outcome.error);
      process.stdout.write(`Wrote ${outcome.written}\n`);
    });
  interviews
    .command('import')
    .description(
      'import a REFI-QDA project (.qdpx) into an interview study: codes, transcripts (pending de-identification), codings, memos',
    )
    .requiredOption('--study <id>', 'the interview study (id)')
    .requiredOption('--file <file>', 'the .qdpx file')
    .action(async (opts: { study: string; file: string }) => {
      const outcome = await runInterviewsImportCommand(opts, (fn) => withDatabase(loadConfig(process.env), fn));
      if (!outcome.ok) throw new UsageError(outcome.error);
      process.stdout.write(outcome.lines.map((l) => `${l}\n`).join(''));
    });

  program
    .command('bench')
    .description('run the benchmarks (see docs/BENCHMARKS.md)')
    .option('--participants <n>', 'participants in the generated program', '10000')
    .option('--postgres <url>', 'also run against this PostgreSQL database (default: DATABASE_URL)')
    .option('--only <part>', 'run only "database", "matching", "analysis" or "fidelity"')
    .option('--coaches <n>', 'coaches in the matching benchmark', '3000')
    .option('--intensity <x>', 'density of the generated contact history (2.85: about 25 contacts a participant)', '2.85')
    .option('--analysis-participants <n>', 'participants (× 3 timepoints) in the analysis benchmark', '100000')
    .option('--no-pglite', 'skip the embedded database (PGlite) in the database benchmarks')
    .action(
      async (opts: {
        participants: string;
        postgres?: string;
        only?: string;
        coaches: string;
        intensity: string;
        analysisParticipants: string;
        pglite: boolean;
      }) => {
        if (opts.only !== undefined && !['database', 'matching', 'analysis', 'fidelity'].includes(opts.only))
          throw new UsageError('--only must be "database", "matching", "analysis" or "fidelity"');
        const analysisParticipants = Number(opts.analysisParticipants);
        if (!Number.isInteger(analysisParticipants) || analysisParticipants < 100)
          throw new UsageError('--analysis-participants must be a whole number of at least 100');
        const intensity = Number(opts.intensity);
        if (!(intensity > 0 && intensity <= 10)) throw new UsageError('--intensity must be a number above 0 and at most 10');
        const { runBenchmarks } = await import('../../bench/run');
        await runBenchmarks({
          participants: Number(opts.participants),
          postgresUrl: opts.postgres ?? process.env.DATABASE_URL ?? null,
          ...(opts.only ? { only: opts.only as 'database' | 'matching' | 'analysis' | 'fidelity' } : {}),
          coaches: Number(opts.coaches),
          contactIntensity: intensity,
          analysisParticipants,
          pglite: opts.pglite,
        });
      },
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (
      err instanceof ConfigError ||
      err instanceof UsageError ||
      err instanceof ArchiveError ||
      err instanceof RestoreTargetError
    ) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof ModelsNotFittedError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`${err.message}\n`);
      return 3;
    }
    // A database error can quote personal data (Drizzle quotes every parameter): print what the
    // log would keep, never the raw message.
    const safe = loggableError(err as Error);
    const what =
      typeof safe['message'] === 'string' ? safe['message'] : `database error ${String(safe['sqlState'] ?? '')}`.trim();
    process.stderr.write(`kindred: ${what}${typeof safe['query'] === 'string' ? ` (in: ${safe['query']})` : ''}\n`);
    return 1;
  }
}

class UsageError extends Error {}
/** `kindred analyze` printed its result, but some model could not be fitted (exit 1). */
class ModelsNotFittedError extends Error {}
