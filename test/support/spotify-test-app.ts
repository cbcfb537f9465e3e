import { SpotifyEmulator, SpotifyEmulatorOptions } from '../../src/sandbox/spotify';
import { createTestApp, TestApp } from './test-app';

export interface SpotifyTestApp {
  app: TestApp;
  emulator: SpotifyEmulator;
  close(): Promise<void>;
}

/** A test app whose Spotify is an emulator the test controls (mode, faults, catalog, request log). */
export async function createSpotifyTestApp(
  options: SpotifyEmulatorOptions = {},
  env: Record<string, string> = {},
): Promise<SpotifyTestApp> {
  const emulator = new SpotifyEmulator({ rateLimit: false, ...options });
  await emulator.start();
  const app = await createTestApp({
    SPOTIFY_API_URL: emulator.apiUrl,
    SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
    SPOTIFY_CLIENT_ID: emulator.clientId,
    SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
    ...env,
  });
  return {
    app,
    emulator,
    close: async () => {
      await app.close();
      await emulator.stop();
    },
  };
}
