import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { JobRegistry, JobScheduler } from 'src/jobs';
import type { SpotifyTrack } from './spotify-api.types';
import { SpotifyApiError } from './spotify.errors';
import {
  CapabilityObservation,
  observeAlbum,
  observeArtist,
  observeTrack,
  SpotifyCapabilityName,
} from './spotify-capabilities';
import { SpotifyCapabilities } from './spotify-capability.service';
import { SpotifyClient } from './spotify.client';
import { SEARCH_LIMITS } from './spotify.service';

export const PROBE_CAPABILITIES = 'spotify.probe-capabilities';
/** Any query finds tracks on any Spotify, real or emulated; their ids are then known to exist there. */
const PROBE_QUERY = 'a';
const PROBE_MARKET = 'US';

export interface ProbeReport {
  probed: boolean;
  note?: string;
  sampleTrackId?: string;
  capabilities?: Record<string, boolean | null>;
}

/**
 * Re-checks every capability daily in `auto` mode (fixed modes need no probing). The ids come from a search on the
 * Spotify we talk to, so the probe works the same against the real API and the emulator; an endpoint with no id to
 * probe it with is skipped and keeps what it had.
 */
@Injectable()
export class SpotifyCapabilityProbeJob implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly registry: JobRegistry,
    private readonly scheduler: JobScheduler,
    private readonly client: SpotifyClient,
    private readonly capabilities: SpotifyCapabilities,
  ) {}

  onModuleInit(): void {
    this.registry.register<Record<string, never>, ProbeReport, never>({
      kind: PROBE_CAPABILITIES,
      handle: () => this.probe(),
    });
    if (this.config.spotify.apiMode === 'auto') {
      this.scheduler.upsert({
        name: PROBE_CAPABILITIES,
        cron: '15 4 * * *',
        timeZone: 'UTC',
        kind: PROBE_CAPABILITIES,
      });
    }
  }

  async probe(): Promise<ProbeReport> {
    const mode = this.config.spotify.apiMode;
    if (mode !== 'auto') return { probed: false, note: `SPOTIFY_API_MODE=${mode} sets every capability` };
    const seen: CapabilityObservation[] = [];
    const sample = await this.sampleTrack(seen);
    if (sample) {
      const artistId = sample.artists[0]?.id;
      const albumId = sample.album?.id;
      await this.lookup(
        seen,
        'tracks.multiGet',
        'tracks',
        sample.id,
        (ids) => this.client.tracks(ids),
        (id) => this.client.track(id),
        observeTrack,
      );
      if (artistId) {
        await this.lookup(
          seen,
          'artists.multiGet',
          'artists',
          artistId,
          (ids) => this.client.artists(ids),
          (id) => this.client.artist(id),
          observeArtist,
        );
      }
      if (albumId) {
        await this.lookup(
          seen,
          'albums.multiGet',
          'albums',
          albumId,
          (ids) => this.client.albums(ids),
          (id) => this.client.album(id),
          observeAlbum,
        );
      }
      await this.endpoint(seen, 'audioFeatures', () => this.client.audioFeatures([sample.id]));
      await this.endpoint(seen, 'recommendations', () =>
        this.client.recommendations({ seedTracks: [sample.id], limit: 1 }),
      );
      if (artistId) {
        await this.endpoint(seen, 'artists.topTracks', () =>
          this.client.artistTopTracks(artistId, PROBE_MARKET),
        );
        // The artist exists (search found it), so a 404 here is the endpoint, not the id.
        await this.endpoint(seen, 'relatedArtists', () => this.client.relatedArtists(artistId));
      }
    }
    await this.endpoint(seen, 'markets', () => this.client.markets());
    await this.capabilities.record(seen, { touch: true });
    const states = await this.capabilities.list();
    return {
      probed: true,
      note: sample ? undefined : 'search found no track: lookups and artist endpoints were not probed',
      sampleTrackId: sample?.id,
      capabilities: Object.fromEntries(states.map((s) => [s.name, s.available])),
    };
  }

  /** A track found by search; also learns whether this app may ask for 50 results. */
  private async sampleTrack(seen: CapabilityObservation[]): Promise<SpotifyTrack | undefined> {
    try {
      const wide = await this.client.search({
        q: PROBE_QUERY,
        type: ['track'],
        limit: SEARCH_LIMITS.extended,
      });
      seen.push({ name: 'search.limit50', available: true, reason: 'probe: GET /search accepted limit=50' });
      return wide.tracks?.items[0];
    } catch (error) {
      if (!(error instanceof SpotifyApiError && error.status === 400)) throw error;
      seen.push({
        name: 'search.limit50',
        available: false,
        reason: 'probe: GET /search refused limit=50 (400)',
      });
      const narrow = await this.client.search({
        q: PROBE_QUERY,
        type: ['track'],
        limit: SEARCH_LIMITS.development,
      });
      return narrow.tracks?.items[0];
    }
  }

  /** Multi-get when offered, else the single-id call; either way the object's fields are observed. */
  private async lookup<V>(
    seen: CapabilityObservation[],
    name: SpotifyCapabilityName,
    resource: string,
    id: string,
    many: (ids: string[]) => Promise<(V | null)[]>,
    one: (id: string) => Promise<V | null>,
    observe: (value: V, source: string) => CapabilityObservation[],
  ): Promise<void> {
    const found = await this.endpoint(seen, name, async () => (await many([id]))[0] ?? null);
    if (found !== undefined && found !== null) {
      seen.push(...observe(found, `GET /${resource}`));
      return;
    }
    const single = await one(id);
    if (single) seen.push(...observe(single, `GET /${resource}/{id}`));
  }

  /** Runs one call; 403/404 mark the capability unavailable, an answer available. Other errors fail the probe. */
  private async endpoint<T>(
    seen: CapabilityObservation[],
    name: SpotifyCapabilityName,
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      const result = await call();
      seen.push({ name, available: true, reason: 'probe: answered 200' });
      return result;
    } catch (error) {
      if (!(error instanceof SpotifyApiError && (error.status === 403 || error.status === 404))) throw error;
      seen.push({ name, available: false, reason: `probe: ${error.endpoint} answered ${error.status}` });
      return undefined;
    }
  }
}
