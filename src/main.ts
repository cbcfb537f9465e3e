import 'reflect-metadata';
import { loadConfigOrExit, RunningService, startService } from './bootstrap';
import { rootLogger } from './common/logger';

class StartupInterrupted extends Error {}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = rootLogger(config.logLevel);

  // Registered before anything starts: a signal during migrations or Nest's boot must still stop the embedded
  // database (a detached process) instead of killing us and leaving it running.
  let service: RunningService | undefined;
  const starting = new AbortController();
  const shutdown = (signal: string) => {
    if (!service) {
      logger.info(`${signal} received during start-up, stopping what has started`);
      starting.abort(new StartupInterrupted(signal));
      return;
    }
    logger.info(`${signal} received, shutting down`);
    service.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    service = await startService(config, { signal: starting.signal });
  } catch (error) {
    if (!(error instanceof StartupInterrupted)) throw error;
    logger.info('stopped during start-up');
    process.exit(0);
  }
  if (starting.signal.aborted) return shutdown((starting.signal.reason as Error).message);

  const roles = service.config.runsApi ? `GraphQL at ${service.url}/graphql` : 'worker (no GraphQL)';
  logger.info(
    { url: service.url, role: service.config.role, sandbox: service.config.sandbox },
    `Soundgraph ready: ${roles}`,
  );
  // For the person at the terminal; the key goes to stdout only, never into the JSON log stream's fields.
  const lines = [
    `Soundgraph is running (${service.config.role}${service.config.sandbox ? ', sandbox mode' : ''}).`,
  ];
  if (service.config.runsApi) lines.push(`  GraphQL:  ${service.url}/graphql`);
  lines.push(`  Health:   ${service.url}/health`);
  if (service.generatedKey) {
    lines.push(`  API key:  ${service.generatedKey}  (operator; kept in ${service.config.dataDir}/api-key)`);
    lines.push(`            send it as: Authorization: Bearer <key>`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: Error) => {
  rootLogger().fatal({ err: error }, `start-up failed: ${error.message}`);
  process.stderr.write(`Soundgraph could not start: ${error.message}\n`);
  process.exit(1);
});
