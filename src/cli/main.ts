import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { loadConfigOrExit } from 'src/bootstrap';
import { PinoNestLogger, rootLogger } from 'src/common/logger';
import { AppConfig } from 'src/config';
import { prepareRuntime } from 'src/runtime';
import { CliModule } from './cli.module';

/** `soundgraph <command>`: the same services as the API, over the same (possibly embedded, shared) database. */
async function main(): Promise<void> {
  const env = loadConfigOrExit();
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
    await CommandFactory.run(CliModule.forRoot(config, runtime.databaseUrl), {
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
