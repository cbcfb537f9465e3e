import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { loadConfigOrExit, prepareProcess } from 'src/bootstrap';
import { PinoNestLogger, rootLogger } from 'src/common/logger';
import { AppConfig } from 'src/config';
import { startSandbox } from 'src/sandbox/sandbox.runtime';
import { CliModule } from './cli.module';

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
  if (process.argv[2] === 'sandbox') return runSandbox(env);
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
  try {
    await CommandFactory.run(CliModule.forRoot(resolved, runtime.databaseUrl), {
      cliName: 'soundgraph',
      logger: new PinoNestLogger(logger),
      errorHandler: (error) => {
        // commander's own exits (help, version) carry exitCode 0
        const code = (error as { exitCode?: number }).exitCode ?? 1;
        if (code !== 0) failed = true;
      },
      serviceErrorHandler: (error) => {
        process.stderr.write(`soundgraph: ${error.message}\n`);
        failed = true;
      },
    });
  } finally {
    await runtime.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: Error) => {
  process.stderr.write(`soundgraph: ${error.message}\n`);
  process.exit(1);
});
