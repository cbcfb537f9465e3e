import * as fs from 'node:fs';
import * as path from 'node:path';
import { acquireFileLock } from 'src/common/file-lock';
import { pidAlive } from 'src/common/process-utils';
import { AppConfig } from 'src/config';
import { SpotifyEmulator } from './spotify';

/** What DATA_DIR/sandbox.json records so other processes (a second service, the CLI) use the same emulators. */
interface SandboxState {
  ownerPid: number;
  spotify?: { url: string; clientId: string; clientSecret: string };
}

export interface SandboxRuntime {
  /** The configuration with emulated providers pointed at their emulators. */
  config: AppConfig;
  spotifyEmulator?: SpotifyEmulator;
  /** True when this process started the emulators (and stops them on exit). */
  owned: boolean;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/__sandbox/mode`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function pointAt(config: AppConfig, state: SandboxState): AppConfig {
  if (!state.spotify) return config;
  return AppConfig.from({
    ...config,
    spotify: {
      ...config.spotify,
      apiUrl: `${state.spotify.url}/v1`,
      accountsUrl: state.spotify.url,
      clientId: state.spotify.clientId,
      clientSecret: state.spotify.clientSecret,
    },
  });
}

/**
 * Starts the emulators of the providers that have no credentials (SANDBOX=auto) or all of them (SANDBOX=on), unless
 * a live process sharing DATA_DIR already runs them, in which case this process uses those: the CLI then sees the
 * same sandbox data as the service.
 */
export async function startSandbox(
  config: AppConfig,
  log: (message: string) => void,
): Promise<SandboxRuntime> {
  if (!config.spotify.sandboxed) return { config, owned: false, stop: () => Promise.resolve() };
  fs.mkdirSync(config.dataDir, { recursive: true });
  const stateFile = path.join(config.dataDir, 'sandbox.json');
  const release = await acquireFileLock(`${stateFile}.lock`, 30_000);
  try {
    if (fs.existsSync(stateFile)) {
      const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as SandboxState;
      if (
        state.ownerPid !== process.pid &&
        pidAlive(state.ownerPid) &&
        state.spotify &&
        (await answers(state.spotify.url))
      ) {
        log(`using the Spotify emulator of pid ${state.ownerPid} at ${state.spotify.url}`);
        return { config: pointAt(config, state), owned: false, stop: () => Promise.resolve() };
      }
    }
    const emulator = new SpotifyEmulator({ mode: config.sandboxSpotifyMode, port: config.sandboxPort });
    await emulator.start();
    const state: SandboxState = {
      ownerPid: process.pid,
      spotify: { url: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
    };
    fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
    log(`Spotify emulator (${config.sandboxSpotifyMode} mode) at ${emulator.url}`);
    return {
      config: pointAt(config, state),
      spotifyEmulator: emulator,
      owned: true,
      stop: async () => {
        await emulator.stop();
        const current = fs.existsSync(stateFile)
          ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as SandboxState)
          : undefined;
        if (current?.ownerPid === process.pid) fs.rmSync(stateFile, { force: true });
      },
    };
  } finally {
    release();
  }
}
