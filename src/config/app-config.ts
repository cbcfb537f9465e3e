import * as path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { CronTime } from 'cron';
import { validateSync } from 'class-validator';
import { ApiKey, parseApiKeys } from './api-keys';
import { ConfigError } from './config.error';
import { EnvironmentVariables, LOG_LEVELS, ROLES, SPOTIFY_API_MODES } from './env.schema';

export type Role = (typeof ROLES)[number];
export type SpotifyApiMode = (typeof SPOTIFY_API_MODES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ProviderCredentials {
  /** True when the built-in emulator serves this provider (no credentials, or SANDBOX=on). */
  sandboxed: boolean;
}

export interface SoundchartsSettings {
  appId?: string;
  apiKey?: string;
  apiUrl: string;
  /** Song audience platforms of the cascade (streams, views, Shazam counts...). */
  trackPlatforms: string[];
  /** Artist audience platforms of the cascade (followers); Spotify monthly listeners come on top. */
  artistPlatforms: string[];
  /** Whether the cascade also counts songs' radio spins (broadcast-groups). */
  airplay: boolean;
  /** A cascade that would leave fewer requests than this in the quota is refused. */
  quotaReserve: number;
  /** How far back the first audience fetch of an entity goes. */
  historyDays: number;
  /** Song and artist metadata older than this is fetched again by the next cascade. */
  metadataMaxAgeDays: number;
  /** Soundcharts requests in flight at once per process. */
  concurrency: number;
  /** First backoff step for 502/503/504 and network errors; each retry doubles it (full jitter). */
  retryBaseMs: number;
}

const platformList = (raw: string | undefined, fallback: string[]): string[] =>
  raw === undefined ? fallback : [...new Set(raw.split(',').map((p) => p.trim().toLowerCase()))];

/**
 * The validated configuration. The only place that reads `process.env`; everything else injects this class.
 * Resolved values (sandbox decisions, absolute paths) are computed once here.
 */
export class AppConfig {
  readonly port!: number;
  readonly host!: string;
  readonly databaseUrl?: string;
  readonly dataDir!: string;
  readonly role!: Role;
  readonly apiKeys!: ApiKey[];
  readonly publicReads!: boolean;
  readonly spotify!: ProviderCredentials & {
    clientId?: string;
    clientSecret?: string;
    apiUrl: string;
    accountsUrl: string;
    redirectUri: string;
    apiMode: SpotifyApiMode;
    /** Single-id lookups (and multi-get batches) in flight at once per process. */
    lookupConcurrency: number;
    /** First backoff step for 5xx and network errors; each retry doubles it (full jitter). */
    retryBaseMs: number;
  };
  readonly soundcharts!: ProviderCredentials & SoundchartsSettings;
  readonly sandboxSetting!: 'auto' | 'on' | 'off';
  /** How the built-in Spotify emulator starts (switchable later through its control API). */
  readonly sandboxSpotifyMode!: 'extended' | 'development';
  /** Port of the first emulator (0 = any free port); the next emulators take the following ports. */
  readonly sandboxPort!: number;
  /** Sandbox mode: at least one provider is emulated. Live mode: none is. */
  readonly sandbox!: boolean;
  readonly tzAnalytics!: string;
  readonly encryptionKey?: Buffer;
  /** Enrichment: a value older than this many days is stale (backfill refreshes it). */
  readonly enrichStaleDays!: number;
  /** Weekly incremental enrichment schedule and its time zone. */
  readonly enrichCron!: string;
  readonly enrichTz!: string;
  readonly insights!: {
    /** Markets whose top tracks a snapshot reads (ISO 3166-1 alpha-2), in order. */
    markets: string[];
    /** When tracked artists' snapshots are collected (cron, UTC); null: never (INSIGHTS_CRON=off). */
    cron: string | null;
  };
  readonly logLevel!: LogLevel;
  readonly graphqlIntrospection!: boolean;
  readonly graphqlMaxCost!: number;
  readonly databaseConnectTimeoutSeconds!: number;
  readonly jobConcurrency!: number;
  readonly listening!: {
    /** When listeners' recently played is polled (cron, in TZ_ANALYTICS); null: never (LISTENING_POLL_CRON=off). */
    pollCron: string | null;
    /** Imported plays shorter than this are skipped (and counted). */
    minPlayMs: number;
  };

  get runsApi(): boolean {
    return this.role === 'api' || this.role === 'all';
  }

  get runsWorker(): boolean {
    return this.role === 'worker' || this.role === 'all';
  }

  get exportsDir(): string {
    return path.join(this.dataDir, 'exports');
  }

  static from(values: Omit<AppConfig, 'runsApi' | 'runsWorker' | 'exportsDir'>): AppConfig {
    return Object.assign(new AppConfig(), values);
  }
}

function firstError(errors: ReturnType<typeof validateSync>): ConfigError | undefined {
  const error = errors[0];
  if (!error) return undefined;
  const constraints = error.constraints ?? {};
  // A type mismatch explains more than a range check on a value that is not even a number.
  const key = ['isInt', 'isBoolean', 'isIn', 'isUrl', 'isString'].find((k) => k in constraints);
  const reason = ((key ? constraints[key] : Object.values(constraints)[0]) ?? 'is invalid').replace(
    new RegExp(`^${error.property} `),
    '',
  );
  return new ConfigError(error.property, reason);
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Five fields (or six with seconds), validated by the cron library the scheduler uses. */
function isCron(expression: string): boolean {
  try {
    new CronTime(expression, 'UTC');
    return true;
  } catch {
    return false;
  }
}

function parseEncryptionKey(raw: string | undefined): Buffer | undefined {
  if (raw === undefined || raw === '') return undefined;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('ENCRYPTION_KEY', 'must be 32 bytes encoded in base64');
  return key;
}

function parsePollCron(raw: string | undefined): string | null {
  const cron = raw?.trim() || '*/30 * * * *';
  if (cron.toLowerCase() === 'off') return null;
  if (!isCron(cron))
    throw new ConfigError('LISTENING_POLL_CRON', `"${cron}" is not a cron expression (or off)`);
  return cron;
}

/** The 13 markets of design §6. */
export const DEFAULT_INSIGHT_MARKETS = 'US,GB,CA,AU,DE,FR,ES,IT,NL,SE,NO,DK,FI';

function parseInsightMarkets(raw: string | undefined): string[] {
  const codes = (raw?.trim() || DEFAULT_INSIGHT_MARKETS).split(',').map((m) => m.trim().toUpperCase());
  const bad = codes.find((m) => !/^[A-Z]{2}$/.test(m));
  if (bad !== undefined) {
    throw new ConfigError(
      'INSIGHT_MARKETS',
      `"${bad}" is not an ISO 3166-1 alpha-2 market code (e.g. US,GB,FR)`,
    );
  }
  return [...new Set(codes)];
}

function parseInsightsCron(raw: string | undefined): string | null {
  const cron = raw?.trim() || '0 6 * * *';
  if (cron.toLowerCase() === 'off') return null;
  if (!isCron(cron)) throw new ConfigError('INSIGHTS_CRON', `"${cron}" is not a cron expression (or off)`);
  return cron;
}

/** Reads and validates the environment. Throws `ConfigError` for the first bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvironmentVariables, defined, { excludeExtraneousValues: false });
  const invalid = firstError(
    validateSync(vars, { skipMissingProperties: false, forbidUnknownValues: false }),
  );
  if (invalid) throw invalid;

  const port = vars.PORT ?? 3000;
  const sandboxSetting = vars.SANDBOX ?? 'auto';
  const spotifyHasCredentials = Boolean(vars.SPOTIFY_CLIENT_ID && vars.SPOTIFY_CLIENT_SECRET);
  const soundchartsHasCredentials = Boolean(vars.SOUNDCHARTS_APP_ID && vars.SOUNDCHARTS_API_KEY);
  if (sandboxSetting === 'off') {
    if (!spotifyHasCredentials) {
      throw new ConfigError('SPOTIFY_CLIENT_ID', 'and SPOTIFY_CLIENT_SECRET are required when SANDBOX=off');
    }
    if (!soundchartsHasCredentials) {
      throw new ConfigError('SOUNDCHARTS_APP_ID', 'and SOUNDCHARTS_API_KEY are required when SANDBOX=off');
    }
  }
  const spotifySandboxed = sandboxSetting === 'on' || (sandboxSetting === 'auto' && !spotifyHasCredentials);
  const soundchartsSandboxed =
    sandboxSetting === 'on' || (sandboxSetting === 'auto' && !soundchartsHasCredentials);
  const sandbox = spotifySandboxed || soundchartsSandboxed;

  const apiKeys = parseApiKeys(vars.API_KEYS);
  if (!sandbox && apiKeys.length === 0) {
    throw new ConfigError('API_KEYS', 'is required in live mode (no provider runs in the sandbox)');
  }
  const encryptionKey = parseEncryptionKey(vars.ENCRYPTION_KEY);
  if (!sandbox && !encryptionKey) {
    throw new ConfigError('ENCRYPTION_KEY', 'is required in live mode (32 bytes, base64)');
  }
  const enrichTz = vars.ENRICH_TZ ?? 'Europe/Paris';
  if (!isTimeZone(enrichTz)) throw new ConfigError('ENRICH_TZ', `"${enrichTz}" is not an IANA time zone`);
  const enrichCron = vars.ENRICH_CRON ?? '0 7 * * 0';
  if (!isCron(enrichCron)) throw new ConfigError('ENRICH_CRON', `"${enrichCron}" is not a cron expression`);
  const tzAnalytics = vars.TZ_ANALYTICS ?? 'America/Denver';
  if (!isTimeZone(tzAnalytics))
    throw new ConfigError('TZ_ANALYTICS', `"${tzAnalytics}" is not an IANA time zone`);

  return AppConfig.from({
    port,
    host: vars.HOST ?? '0.0.0.0',
    databaseUrl: vars.DATABASE_URL,
    dataDir: path.resolve(cwd, vars.DATA_DIR ?? './.data'),
    role: vars.ROLE ?? 'all',
    apiKeys,
    publicReads: vars.PUBLIC_READS ?? true,
    spotify: {
      sandboxed: spotifySandboxed,
      clientId: vars.SPOTIFY_CLIENT_ID,
      clientSecret: vars.SPOTIFY_CLIENT_SECRET,
      apiUrl: vars.SPOTIFY_API_URL ?? 'https://api.spotify.com/v1',
      accountsUrl: vars.SPOTIFY_ACCOUNTS_URL ?? 'https://accounts.spotify.com',
      redirectUri: vars.SPOTIFY_REDIRECT_URI ?? `http://127.0.0.1:${port}/auth/spotify/callback`,
      apiMode: vars.SPOTIFY_API_MODE ?? 'auto',
      lookupConcurrency: vars.SPOTIFY_LOOKUP_CONCURRENCY ?? 8,
      retryBaseMs: vars.SPOTIFY_RETRY_BASE_MS ?? 500,
    },
    soundcharts: {
      sandboxed: soundchartsSandboxed,
      appId: vars.SOUNDCHARTS_APP_ID,
      apiKey: vars.SOUNDCHARTS_API_KEY,
      apiUrl: vars.SOUNDCHARTS_API_URL ?? 'https://customer.api.soundcharts.com',
      trackPlatforms: platformList(vars.SOUNDCHARTS_TRACK_PLATFORMS, ['spotify', 'youtube', 'shazam']),
      artistPlatforms: platformList(vars.SOUNDCHARTS_ARTIST_PLATFORMS, [
        'spotify',
        'youtube',
        'instagram',
        'tiktok',
      ]),
      airplay: vars.SOUNDCHARTS_AIRPLAY ?? true,
      quotaReserve: vars.SOUNDCHARTS_QUOTA_RESERVE ?? 1000,
      historyDays: vars.SOUNDCHARTS_HISTORY_DAYS ?? 360,
      metadataMaxAgeDays: vars.SOUNDCHARTS_METADATA_MAX_AGE_DAYS ?? 30,
      concurrency: vars.SOUNDCHARTS_CONCURRENCY ?? 5,
      retryBaseMs: vars.SOUNDCHARTS_RETRY_BASE_MS ?? 1000,
    },
    sandboxSetting,
    sandboxSpotifyMode: vars.SANDBOX_SPOTIFY_MODE ?? 'extended',
    sandboxPort: vars.SANDBOX_PORT ?? 0,
    sandbox,
    tzAnalytics,
    encryptionKey,
    enrichStaleDays: vars.ENRICH_STALE_DAYS ?? 90,
    enrichCron,
    enrichTz,
    insights: {
      markets: parseInsightMarkets(vars.INSIGHT_MARKETS),
      cron: parseInsightsCron(vars.INSIGHTS_CRON),
    },
    logLevel: vars.LOG_LEVEL ?? 'info',
    graphqlIntrospection: vars.GRAPHQL_INTROSPECTION ?? sandbox,
    graphqlMaxCost: vars.GRAPHQL_MAX_COST ?? 20_000,
    databaseConnectTimeoutSeconds: vars.DATABASE_CONNECT_TIMEOUT_SECONDS ?? 30,
    jobConcurrency: vars.JOB_CONCURRENCY ?? 4,
    listening: {
      pollCron: parsePollCron(vars.LISTENING_POLL_CRON),
      minPlayMs: vars.MIN_PLAY_MS ?? 30_000,
    },
  });
}
