import { RunningService, startService } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import type { SoundchartsEmulator } from '../../src/sandbox/soundcharts';
import type { SpotifyEmulator } from '../../src/sandbox/spotify';
import { benchDatabase } from './bench-db';

/** Either sandbox emulator: started before the service so its URL is known. */
interface Emulator {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface BenchService<E extends Emulator> {
  emulator: E;
  db: { url: string };
  service: RunningService;
  /** Closes the service, then the database, then the emulator. */
  stop(): Promise<void>;
}

/**
 * The service against `databaseUrl` with the settings every benchmark uses (ephemeral port, quiet logs, an operator
 * key) and `env` on top.
 */
export function startBenchApp(databaseUrl: string, env: Record<string, string>): Promise<RunningService> {
  return startService(
    loadConfig({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      API_KEYS: 'operator:bench-operator-key-0123456789',
      ...env,
    }),
  );
}

/**
 * The boot every end-to-end benchmark makes: starts `emulator`, creates a throw-away migrated embedded database,
 * and starts the service against both (ephemeral port, quiet logs, an operator key) with the settings `env` gives
 * for the started emulator on top, e.g. `spotifyEnv(emulator)` and a `ROLE`.
 */
export async function startBenchService<E extends Emulator>(
  emulator: E,
  env: (emulator: E) => Record<string, string>,
): Promise<BenchService<E>> {
  await emulator.start();
  const db = await benchDatabase();
  const service = await startBenchApp(db.url, env(emulator));
  return {
    emulator,
    db,
    service,
    stop: async () => {
      await service.close();
      await db.stop();
      await emulator.stop();
    },
  };
}

/** The settings that point the service at a Spotify emulator. */
export function spotifyEnv(
  emulator: SpotifyEmulator,
  mode: 'extended' | 'development' = 'extended',
): Record<string, string> {
  return {
    SPOTIFY_API_URL: emulator.apiUrl,
    SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
    SPOTIFY_CLIENT_ID: emulator.clientId,
    SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
    SPOTIFY_API_MODE: mode,
  };
}

/** The settings that point the service at a Soundcharts emulator. */
export function soundchartsEnv(emulator: SoundchartsEmulator): Record<string, string> {
  return {
    SOUNDCHARTS_API_URL: emulator.url,
    SOUNDCHARTS_APP_ID: emulator.appId,
    SOUNDCHARTS_API_KEY: emulator.apiKey,
  };
}
