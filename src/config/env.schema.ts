import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

export const ROLES = ['api', 'worker', 'all'] as const;
export const SANDBOX_SETTINGS = ['auto', 'on', 'off'] as const;
export const SPOTIFY_API_MODES = ['auto', 'extended', 'development'] as const;
export const SANDBOX_SPOTIFY_MODES = ['extended', 'development'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value; // left as a string so IsBoolean reports it
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
/** Soundcharts platform codes, comma-separated (e.g. `spotify,youtube,shazam`). */
const PLATFORM_LIST = /^\s*[a-z0-9-]+\s*(,\s*[a-z0-9-]+\s*)*$/;
const PLATFORM_LIST_MESSAGE = 'must be comma-separated Soundcharts platform codes, e.g. spotify,youtube';
const urlOptions = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The raw environment as the contract names it; `loadConfig` turns it into `AppConfig`. */
export class EnvironmentVariables {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['postgres', 'postgresql'] })
  DATABASE_URL?: string;
  @IsOptional() @IsString() @MinLength(1) DATA_DIR?: string;
  @IsOptional() @IsIn(ROLES) ROLE?: (typeof ROLES)[number];
  @IsOptional() @IsString() API_KEYS?: string;
  @IsOptional() @Transform(toBoolean) @IsBoolean() PUBLIC_READS?: boolean;
  @IsOptional() @IsString() SPOTIFY_CLIENT_ID?: string;
  @IsOptional() @IsString() SPOTIFY_CLIENT_SECRET?: string;
  @IsOptional() @IsUrl(urlOptions) SPOTIFY_API_URL?: string;
  @IsOptional() @IsUrl(urlOptions) SPOTIFY_ACCOUNTS_URL?: string;
  @IsOptional() @IsUrl(urlOptions) SPOTIFY_REDIRECT_URI?: string;
  @IsOptional() @IsIn(SPOTIFY_API_MODES) SPOTIFY_API_MODE?: (typeof SPOTIFY_API_MODES)[number];
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64) SPOTIFY_LOOKUP_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(60_000) SPOTIFY_RETRY_BASE_MS?: number;
  @IsOptional() @IsString() SOUNDCHARTS_APP_ID?: string;
  @IsOptional() @IsString() SOUNDCHARTS_API_KEY?: string;
  @IsOptional() @IsUrl(urlOptions) SOUNDCHARTS_API_URL?: string;
  @IsOptional()
  @Matches(PLATFORM_LIST, { message: PLATFORM_LIST_MESSAGE })
  SOUNDCHARTS_TRACK_PLATFORMS?: string;
  @IsOptional()
  @Matches(PLATFORM_LIST, { message: PLATFORM_LIST_MESSAGE })
  SOUNDCHARTS_ARTIST_PLATFORMS?: string;
  @IsOptional() @Transform(toBoolean) @IsBoolean() SOUNDCHARTS_AIRPLAY?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(100_000_000) SOUNDCHARTS_QUOTA_RESERVE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3650) SOUNDCHARTS_HISTORY_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(365) SOUNDCHARTS_METADATA_MAX_AGE_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(32) SOUNDCHARTS_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(60_000) SOUNDCHARTS_RETRY_BASE_MS?: number;
  @IsOptional() @IsIn(SANDBOX_SETTINGS) SANDBOX?: (typeof SANDBOX_SETTINGS)[number];
  @IsOptional() @IsIn(SANDBOX_SPOTIFY_MODES) SANDBOX_SPOTIFY_MODE?: (typeof SANDBOX_SPOTIFY_MODES)[number];
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) SANDBOX_PORT?: number;
  @IsOptional() @IsString() TZ_ANALYTICS?: string;
  @IsOptional() @IsString() ENCRYPTION_KEY?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3650) ENRICH_STALE_DAYS?: number;
  @IsOptional() @IsString() ENRICH_CRON?: string;
  @IsOptional() @IsString() ENRICH_TZ?: string;
  @IsOptional() @IsString() INSIGHT_MARKETS?: string;
  @IsOptional() @IsString() INSIGHTS_CRON?: string;
  @IsOptional() @IsIn(LOG_LEVELS) LOG_LEVEL?: (typeof LOG_LEVELS)[number];
  @IsOptional() @Transform(toBoolean) @IsBoolean() GRAPHQL_INTROSPECTION?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(1_000_000) GRAPHQL_MAX_COST?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(600) DATABASE_CONNECT_TIMEOUT_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64) JOB_CONCURRENCY?: number;
  @IsOptional() @IsString() LISTENING_POLL_CRON?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000) MIN_PLAY_MS?: number;
}
