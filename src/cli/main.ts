import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { loadConfigOrExit } from 'src/bootstrap';
import { PinoNestLogger, rootLogger } from 'src/common/logger';
import { AppConfig } from 'src/config';
import { prepareRuntime } from 'src/runtime';
import { startSandbox } from 'src/sandbox/sandbox.runtime';
import { CliModule } from './cli.module';

/** `soundgraph sandbox`: the emulators alone, until Ctrl-C; processes on the same DATA_DIR use them. */
async function runSandbox(config: AppConfig): Promise<void> {
  const forced = AppConfig.from({ ...config, spotify: { ...config.spotify, sandboxed: true } });
  const sandbox = await startSandbox(forced, (message) => process.stdout.write(`${message}\n`));
  if (!sandbox.owned) {
    process.stdout.write('the emulators are already running for this DATA_DIR (see sandbox.json)\n');
    return;
  }
  process.stdout.write(
    [
      `Spotify Web API:  ${sandbox.config.spotify.apiUrl}`,
      `Spotify accounts: ${sandbox.config.spotify.accountsUrl}`,
      `client id/secret: ${sandbox.config.spotify.clientId} / ${sandbox.config.spotify.clientSecret}`,
      `control API:      ${sandbox.config.spotify.accountsUrl}/__sandbox/`,
      'Services started on the same DATA_DIR use these emulators. Ctrl-C stops them.',
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
  const runtime = await prepareRuntime(config, (message) => logger.info(message));
  let failed = false;
  try {
    await CommandFactory.run(CliModule.forRoot(runtime.config, runtime.databaseUrl), {
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
