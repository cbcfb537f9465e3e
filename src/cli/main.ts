import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { loadConfigOrExit, prepareProcess } from 'src/bootstrap';
import { PinoNestLogger, rootLogger } from 'src/common/logger';
import { sleep } from 'src/common/process-utils';
import { AppConfig } from 'src/config';
import { JobsService } from 'src/jobs/jobs.service';
import { startSandbox } from 'src/sandbox/sandbox.runtime';
import { CliModule } from './cli.module';

type StopSignal = 'SIGINT' | 'SIGTERM';
/** How a shell reports a process ended by the signal: 128 + its number. */
const SIGNAL_EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };
/** How long closing Nest and what this process started may take after a signal before it exits anyway. */
const SIGNAL_CLOSE_TIMEOUT_MS = 10_000;

/**
 * SIGINT (Ctrl-C) or SIGTERM while a command runs. The job runs this process executes inline will not finish, and
 * no queue watches them: they end now, FAILED with "interrupted: ..." (CANCELLED when a cancel had been requested),
 * their checkpoints kept so that a resume goes on from there. FAILED and not CANCELLED for Ctrl-C too: nobody
 * cancelled the work, it stopped part-way, like any other failure that a resume recovers from. Then Nest and what
 * this process started close, and the process exits non-zero (130 or 143); a second signal exits at once.
 * `close` is the shutdown shared with main; returns what tells main the signal once one came (its exit uses that code).
 */
function stopOnSignals(
  app: INestApplicationContext,
  close: () => Promise<void>,
): () => StopSignal | undefined {
  let received: StopSignal | undefined;
  const onSignal = (signal: StopSignal) => {
    if (received) process.exit(SIGNAL_EXIT_CODES[received]);
    received = signal;
    process.stderr.write(`\nsoundgraph: ${signal} received, stopping\n`);
    void (async () => {
      try {
        const ended = await app
          .get(JobsService)
          .endInlineRuns(`interrupted: the soundgraph CLI process stopped (${signal})`);
        for (const run of ended) {
          process.stderr.write(
            `soundgraph: job run ${run.id} (${run.kind}) ended ${run.status}` +
              `${run.checkpoint ? ' (its checkpoint is kept for a resume)' : ''}\n`,
          );
        }
      } catch (error) {
        process.stderr.write(
          `soundgraph: could not end this process's job runs: ${(error as Error).message}\n`,
        );
      }
      await Promise.race([close().catch(() => undefined), sleep(SIGNAL_CLOSE_TIMEOUT_MS)]);
      process.exit(SIGNAL_EXIT_CODES[signal]);
    })();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => received;
}

/** The emulators' addresses and credentials, for the person at the terminal. */
function describeSandbox(config: AppConfig): string[] {
  const { spotify, soundcharts } = config;
  const lines: string[] = [];
  if (spotify.sandboxed) {
    lines.push(
      `Spotify Web API:          ${spotify.apiUrl}`,
      `Spotify accounts:         ${spotify.accountsUrl}`,
      `Spotify client id/secret: ${spotify.clientId} / ${spotify.clientSecret}`,
      `Spotify control API:      ${spotify.accountsUrl}/__sandbox/`,
    );
  }
  if (soundcharts.sandboxed) {
    lines.push(
      `Soundcharts API:          ${soundcharts.apiUrl}`,
      `Soundcharts app id/key:   ${soundcharts.appId} / ${soundcharts.apiKey}`,
      `Soundcharts control API:  ${soundcharts.apiUrl}/__sandbox/`,
    );
  }
  return lines;
}

/** `soundgraph sandbox`: the emulators alone, until Ctrl-C; processes on the same DATA_DIR use them. */
async function runSandbox(config: AppConfig): Promise<void> {
  const forced = AppConfig.from({
    ...config,
    spotify: { ...config.spotify, sandboxed: true },
    soundcharts: { ...config.soundcharts, sandboxed: true },
  });
  const sandbox = await startSandbox(forced, (message) => process.stdout.write(`${message}\n`));
  if (!sandbox.owned) {
    process.stdout.write(
      [
        'the emulators are already running for this DATA_DIR (see sandbox.json)',
        ...describeSandbox(sandbox.config),
        '',
      ].join('\n'),
    );
    return;
  }
  process.stdout.write(
    [
      ...describeSandbox(sandbox.config),
      'Services and CLI commands started on the same DATA_DIR use these emulators. Ctrl-C stops them.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.stop();
}

/** `soundgraph <command>`: the same services as the API, over the same (possibly embedded, shared) database. */
async function main(): Promise<void> {
  const env = loadConfigOrExit();
  const askingHelp = process.argv.includes('--help') || process.argv.includes('-h');
  if (process.argv[2] === 'sandbox' && !askingHelp) return runSandbox(env);
  // The CLI neither serves GraphQL nor consumes the queue: it would steal work from a running service.
  const config = AppConfig.from({
    ...env,
    role: 'api',
    logLevel: env.logLevel === 'info' ? 'warn' : env.logLevel,
  });
  const logger = rootLogger(config.logLevel);
  // Resolved exactly as the service resolves it: sandbox credentials, emulators, database and migrations.
  const { runtime, config: resolved } = await prepareProcess(config, (message) => logger.info(message));
  let failed = false;
  let interrupted: () => StopSignal | undefined = () => undefined;
  let app: INestApplicationContext | undefined;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await app?.close();
      } finally {
        await runtime.stop();
      }
    })());
  try {
    app = await CommandFactory.createWithoutRunning(CliModule.forRoot(resolved, runtime.databaseUrl), {
      cliName: 'soundgraph',
      logger: new PinoNestLogger(logger),
      errorHandler: (error) => {
        // commander's own exits (help, version) carry exitCode 0
        const code = (error as { exitCode?: number }).exitCode ?? 1;
        if (code !== 0) failed = true;
      },
      serviceErrorHandler: (error) => {
        // after a signal, the command fails because its database closed: the signal said why already
        if (!interrupted()) process.stderr.write(`soundgraph: ${error.message}\n`);
        failed = true;
      },
    });
    interrupted = stopOnSignals(app, close);
    await CommandFactory.runApplication(app);
  } finally {
    await close();
  }
  const signal = interrupted();
  process.exit(signal ? SIGNAL_EXIT_CODES[signal] : failed ? 1 : 0);
}

main().catch((error: Error) => {
  process.stderr.write(`soundgraph: ${error.message}\n`);
  process.exit(1);
});
