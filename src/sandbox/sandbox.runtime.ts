import * as fs from 'node:fs';
import * as path from 'node:path';
import { acquireFileLock } from 'src/common/file-lock';
import { pidAlive } from 'src/common/process-utils';
import { AppConfig } from 'src/config';
import { SoundchartsEmulator } from './soundcharts';
import { SpotifyEmulator } from './spotify';

/** What DATA_DIR/sandbox.json records so other processes (a second service, the CLI) use the same emulators. */
interface SandboxState {
  ownerPid: number;
  spotify?: { url: string; clientId: string; clientSecret: string };
  soundcharts?: { url: string; appId: string; apiKey: string };
}

export interface SandboxRuntime {
  /** The configuration with emulated providers pointed at their emulators. */
  config: AppConfig;
  spotifyEmulator?: SpotifyEmulator;
  soundchartsEmulator?: SoundchartsEmulator;
  /** True when this process started the emulators (and stops them on exit). */
  owned: boolean;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function pointAt(config: AppConfig, state: SandboxState): AppConfig {
  const spotify =
    config.spotify.sandboxed && state.spotify
      ? {
          ...config.spotify,
          apiUrl: `${state.spotify.url}/v1`,
          accountsUrl: state.spotify.url,
          clientId: state.spotify.clientId,
          clientSecret: state.spotify.clientSecret,
        }
      : config.spotify;
  const soundcharts =
    config.soundcharts.sandboxed && state.soundcharts
      ? {
          ...config.soundcharts,
          apiUrl: state.soundcharts.url,
          appId: state.soundcharts.appId,
          apiKey: state.soundcharts.apiKey,
        }
      : config.soundcharts;
  return AppConfig.from({ ...config, spotify, soundcharts });
}

/** The other live process's emulators, when they serve every provider this process needs emulated. */
async function reusable(config: AppConfig, state: SandboxState): Promise<boolean> {
  if (state.ownerPid === process.pid || !pidAlive(state.ownerPid)) return false;
  if (config.spotify.sandboxed && !(state.spotify && (await answers(`${state.spotify.url}/__sandbox/mode`))))
    return false;
  if (
    config.soundcharts.sandboxed &&
    !(state.soundcharts && (await answers(`${state.soundcharts.url}/__sandbox/state`)))
  )
    return false;
  return true;
}

/** The port of the n-th emulator: SANDBOX_PORT, then the following ports (0: any free port for each). */
const portOf = (config: AppConfig, n: number): number =>
  config.sandboxPort === 0 ? 0 : config.sandboxPort + n;

/**
 * Starts the emulators of the providers that have no credentials (SANDBOX=auto) or all of them (SANDBOX=on), unless
 * a live process sharing DATA_DIR already runs them, in which case this process uses those: the CLI then sees the
 * same sandbox data as the service.
 */
export async function startSandbox(
  config: AppConfig,
  log: (message: string) => void,
): Promise<SandboxRuntime> {
  if (!config.spotify.sandboxed && !config.soundcharts.sandboxed)
    return { config, owned: false, stop: () => Promise.resolve() };
  fs.mkdirSync(config.dataDir, { recursive: true });
  const stateFile = path.join(config.dataDir, 'sandbox.json');
  const release = await acquireFileLock(`${stateFile}.lock`, 30_000);
  try {
    if (fs.existsSync(stateFile)) {
      const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as SandboxState;
      if (await reusable(config, state)) {
        if (config.spotify.sandboxed && state.spotify)
          log(`using the Spotify emulator of pid ${state.ownerPid} at ${state.spotify.url}`);
        if (config.soundcharts.sandboxed && state.soundcharts)
          log(`using the Soundcharts emulator of pid ${state.ownerPid} at ${state.soundcharts.url}`);
        return { config: pointAt(config, state), owned: false, stop: () => Promise.resolve() };
      }
    }
    const state: SandboxState = { ownerPid: process.pid };
    let spotifyEmulator: SpotifyEmulator | undefined;
    let soundchartsEmulator: SoundchartsEmulator | undefined;
    const stopEmulators = async () => {
      await spotifyEmulator?.stop();
      await soundchartsEmulator?.stop();
    };
    try {
      if (config.spotify.sandboxed) {
        spotifyEmulator = new SpotifyEmulator({ mode: config.sandboxSpotifyMode, port: portOf(config, 0) });
        await spotifyEmulator.start();
        state.spotify = {
          url: spotifyEmulator.url,
          clientId: spotifyEmulator.clientId,
          clientSecret: spotifyEmulator.clientSecret,
        };
        log(`Spotify emulator (${config.sandboxSpotifyMode} mode) at ${spotifyEmulator.url}`);
      }
      if (config.soundcharts.sandboxed) {
        // Derived from the Spotify emulator's catalog when there is one (same songs, ISRCs and ids, no second build).
        soundchartsEmulator = new SoundchartsEmulator({
          catalog: spotifyEmulator?.catalog,
          port: portOf(config, 1),
        });
        await soundchartsEmulator.start();
        state.soundcharts = {
          url: soundchartsEmulator.url,
          appId: soundchartsEmulator.appId,
          apiKey: soundchartsEmulator.apiKey,
        };
        log(`Soundcharts emulator at ${soundchartsEmulator.url}`);
      }
    } catch (error) {
      await stopEmulators();
      throw error;
    }
    fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
    return {
      config: pointAt(config, state),
      spotifyEmulator,
      soundchartsEmulator,
      owned: true,
      stop: async () => {
        await stopEmulators();
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
