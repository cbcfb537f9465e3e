import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { config as loadDotenv } from 'dotenv';
import { AppModule } from './app.module';
import { withSandboxCredentials } from './auth/sandbox-credentials';
import { PinoNestLogger, rootLogger } from './common/logger';
import { AppConfig, ConfigError, loadConfig } from './config';
import { prepareRuntime, Runtime } from './runtime';

/** Reads `.env` (when present) and the environment; a bad value ends the process with one line. */
export function loadConfigOrExit(): AppConfig {
  loadDotenv({ quiet: true });
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export interface RunningService {
  app: INestApplication;
  runtime: Runtime;
  config: AppConfig;
  url: string;
  generatedKey?: string;
  close(): Promise<void>;
}

export interface PreparedProcess {
  /** The configuration to run with: sandbox credentials applied, emulated providers pointed at their emulators. */
  config: AppConfig;
  runtime: Runtime;
  /** The operator key generated into (or read from) DATA_DIR/api-key in sandbox mode without API_KEYS. */
  generatedKey?: string;
}

/**
 * How every Soundgraph process (the service, each CLI command) resolves its configuration and prepares what must
 * exist before Nest starts. In sandbox mode: an operator key (DATA_DIR/api-key) when API_KEYS is unset and an
 * ENCRYPTION_KEY (DATA_DIR/encryption-key) when none is given, both created on first use and shared by the
 * processes of one DATA_DIR; the emulators of providers without credentials, started or reused through
 * DATA_DIR/sandbox.json. Then the database (embedded unless DATABASE_URL) and its migrations.
 */
export async function prepareProcess(
  baseConfig: AppConfig,
  log: (message: string) => void,
  signal?: AbortSignal,
): Promise<PreparedProcess> {
  const credentials = withSandboxCredentials(baseConfig);
  const runtime = await prepareRuntime(credentials.config, log, { signal });
  return { config: runtime.config, runtime, generatedKey: credentials.generatedKey };
}

/**
 * Starts the whole service: database, migrations, Nest, HTTP. Used by main.ts and by tests. When `signal` aborts
 * (SIGINT/SIGTERM during start-up), whatever has started is stopped and the promise rejects with the signal's reason.
 */
export async function startService(
  baseConfig: AppConfig,
  options: { signal?: AbortSignal } = {},
): Promise<RunningService> {
  const { signal } = options;
  const logger = rootLogger(baseConfig.logLevel);
  const { runtime, config, generatedKey } = await prepareProcess(
    baseConfig,
    (message) => logger.info(message),
    signal,
  );
  let app: INestApplication | undefined;
  try {
    signal?.throwIfAborted();
    app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: runtime.databaseUrl }), {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
    });
    // nestjs-pino's from here on: a line logged while handling a request carries its id
    app.useLogger(app.get(Logger));
    signal?.throwIfAborted();
    await app.listen(config.port, config.host);
    signal?.throwIfAborted();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await runtime.stop();
    throw error;
  }
  const address = (app.getHttpServer() as import('node:http').Server).address() as { port: number };
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${address.port}`;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await runtime.stop();
    })());
  return { app, runtime, config, url, generatedKey, close };
}
