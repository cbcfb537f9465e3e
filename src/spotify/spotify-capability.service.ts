import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { SpotifyCapabilityRepository } from './spotify-capability.repository';
import {
  CapabilityObservation,
  CapabilityState,
  configuredAvailability,
  effectiveMode,
  EffectiveSpotifyMode,
  SPOTIFY_CAPABILITIES,
  SpotifyCapabilityName,
} from './spotify-capabilities';

/** Other processes' findings are picked up within this time. */
const CACHE_TTL_MS = 5_000;
/** An unchanged observation is written again (fresh `checked_at`) at most this often. */
const TOUCH_INTERVAL_MS = 3_600_000;

/**
 * Which endpoints and fields this Spotify app has. With SPOTIFY_API_MODE=extended|development the setting decides
 * (no probing, nothing stored); an endpoint that still refuses at run time is noted for this process only, so
 * lookups fall back instead of failing. In `auto` everything is learned from answers and stored in
 * `spotify_capability`, shared by every process and cached here for a few seconds.
 */
@Injectable()
export class SpotifyCapabilities {
  private readonly logger = new Logger(SpotifyCapabilities.name);
  private learned = new Map<SpotifyCapabilityName, CapabilityState>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;
  /** Fixed modes: endpoints that refused despite the setting (this process only). */
  private readonly overrides = new Map<SpotifyCapabilityName, CapabilityState>();

  constructor(
    private readonly config: AppConfig,
    private readonly repo: SpotifyCapabilityRepository,
  ) {}

  get learning(): boolean {
    return this.config.spotify.apiMode === 'auto';
  }

  /** Makes `peek` current (reads the table at most every few seconds); never throws. */
  ready(): Promise<void> {
    if (!this.learning || Date.now() - this.loadedAt < CACHE_TTL_MS) return Promise.resolve();
    this.loading ??= this.repo
      .findAll()
      .then((rows) => {
        const next = new Map<SpotifyCapabilityName, CapabilityState>();
        for (const row of rows) {
          if (!(SPOTIFY_CAPABILITIES as readonly string[]).includes(row.name)) continue;
          const name = row.name as SpotifyCapabilityName;
          next.set(name, { name, available: row.available, checkedAt: row.checkedAt, reason: row.reason });
        }
        this.learned = next;
        this.loadedAt = Date.now();
      })
      .catch((error: Error) => {
        // Keep the last known state and try again after the cache time, not on every call.
        this.loadedAt = Date.now();
        this.logger.warn(`could not read Spotify capabilities: ${error.message}`);
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** Best current knowledge without I/O: true, false, or undefined when not learned yet. */
  peek(name: SpotifyCapabilityName): boolean | undefined {
    return this.state(name).available ?? undefined;
  }

  /** Why the capability is in its current state (for error messages). */
  reason(name: SpotifyCapabilityName): string {
    return this.state(name).reason ?? 'not known yet';
  }

  async get(name: SpotifyCapabilityName): Promise<boolean | undefined> {
    await this.ready();
    return this.peek(name);
  }

  async list(): Promise<CapabilityState[]> {
    await this.ready();
    return SPOTIFY_CAPABILITIES.map((name) => this.state(name));
  }

  async mode(): Promise<EffectiveSpotifyMode> {
    await this.ready();
    return effectiveMode(this.config.spotify.apiMode, this.peek('tracks.multiGet'));
  }

  /**
   * Records what answers showed. In `auto`, changes (and, with `touch`, confirmations) are stored for every
   * process; an unchanged state is re-stamped at most hourly. In fixed modes only what contradicts the setting (an
   * endpoint refused, a field absent) counts, in this process's memory.
   */
  async record(
    observations: readonly CapabilityObservation[],
    options: { touch?: boolean } = {},
  ): Promise<void> {
    if (observations.length === 0) return;
    const mode = this.config.spotify.apiMode;
    if (mode !== 'auto') {
      for (const o of observations) {
        if (o.available || !configuredAvailability(mode, o.name) || this.overrides.has(o.name)) continue;
        this.logger.warn(`SPOTIFY_API_MODE=${mode}, but ${o.name} is refused: ${o.reason}`);
        this.overrides.set(o.name, {
          name: o.name,
          available: false,
          checkedAt: new Date(),
          reason: `SPOTIFY_API_MODE=${mode}, but ${o.reason}`,
        });
      }
      return;
    }
    await this.ready();
    const now = Date.now();
    const changed = observations.filter((o) => {
      const known = this.learned.get(o.name);
      if (!known || known.available !== o.available) return true;
      return options.touch || !known.checkedAt || now - known.checkedAt.getTime() > TOUCH_INTERVAL_MS;
    });
    if (changed.length === 0) return;
    for (const o of changed) {
      const before = this.learned.get(o.name)?.available;
      if (before !== o.available) {
        this.logger.log(
          `Spotify capability ${o.name}: ${o.available ? 'available' : 'unavailable'} (${o.reason})`,
        );
      }
      this.learned.set(o.name, {
        name: o.name,
        available: o.available,
        checkedAt: new Date(),
        reason: o.reason,
      });
    }
    try {
      const rows = await this.repo.upsert(
        changed.map((o) => ({ name: o.name, available: o.available, reason: o.reason })),
      );
      for (const row of rows) {
        const name = row.name as SpotifyCapabilityName;
        this.learned.set(name, {
          name,
          available: row.available,
          checkedAt: row.checkedAt,
          reason: row.reason,
        });
      }
    } catch (error) {
      this.logger.warn(`could not store Spotify capabilities: ${(error as Error).message}`);
    }
  }

  private state(name: SpotifyCapabilityName): CapabilityState {
    const mode = this.config.spotify.apiMode;
    if (mode === 'auto')
      return this.learned.get(name) ?? { name, available: null, checkedAt: null, reason: null };
    return (
      this.overrides.get(name) ?? {
        name,
        available: configuredAvailability(mode, name),
        checkedAt: null,
        reason: `set by SPOTIFY_API_MODE=${mode}`,
      }
    );
  }
}
