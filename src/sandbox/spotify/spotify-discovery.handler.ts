// Artist-centred endpoints: top tracks, related artists, discography, recommendations. Several of them are gone for
// development-mode apps (403 for top tracks, 404 for related artists and recommendations, as observed).
import type { SpotifyRecommendationSeedJson } from './spotify-api.types';
import { authenticate } from './spotify-bearer.guard';
import { byPopularityThenId } from './spotify-catalog';
import type { SpotifyAlbumRecord, SpotifyTrackRecord } from './spotify-catalog.types';
import { serializerFor, type EmulatorContext } from './spotify-emulator.context';
import { apiErrors } from './spotify-errors';
import { json, type EmulatorRequest, type HandlerResult } from '../common';
import { assertSpotifyId, parseLimit, parseMarket, parseOffset } from './spotify-params';
import { hashString } from '../common';
import type { RouteParams, SandboxRouter } from '../common';

const ALBUM_GROUPS = ['album', 'single', 'appears_on', 'compilation'] as const;
type AlbumGroup = (typeof ALBUM_GROUPS)[number];

/** Tunable attributes of GET /recommendations (`min_*` / `max_*`). */
const ATTRIBUTES: Readonly<Record<string, (t: SpotifyTrackRecord) => number>> = {
  acousticness: (t) => t.audioFeatures.acousticness,
  danceability: (t) => t.audioFeatures.danceability,
  duration_ms: (t) => t.durationMs,
  energy: (t) => t.audioFeatures.energy,
  instrumentalness: (t) => t.audioFeatures.instrumentalness,
  key: (t) => t.audioFeatures.key,
  liveness: (t) => t.audioFeatures.liveness,
  loudness: (t) => t.audioFeatures.loudness,
  mode: (t) => t.audioFeatures.mode,
  popularity: (t) => t.popularity,
  speechiness: (t) => t.audioFeatures.speechiness,
  tempo: (t) => t.audioFeatures.tempo,
  time_signature: (t) => t.audioFeatures.timeSignature,
  valence: (t) => t.audioFeatures.valence,
};

function list(raw: string | null): string[] {
  return raw === null ? [] : raw.split(',').filter((v) => v !== '');
}

export class SpotifyDiscoveryHandler {
  constructor(private readonly ctx: EmulatorContext) {}

  register(router: SandboxRouter): void {
    router.on('GET', '/v1/artists/:id/top-tracks', (req, p) => this.topTracks(req, p));
    router.on('GET', '/v1/artists/:id/related-artists', (req, p) => this.related(req, p));
    router.on('GET', '/v1/artists/:id/albums', (req, p) => this.artistAlbums(req, p));
    router.on('GET', '/v1/recommendations', (req) => this.recommendations(req));
  }

  private get development(): boolean {
    return this.ctx.state.mode === 'development';
  }

  private topTracks(req: EmulatorRequest, params: RouteParams): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    if (this.development) throw apiErrors.forbidden();
    const id = assertSpotifyId(params.id);
    // The OpenAPI document calls market optional; Spotify answers 400 without it.
    const market = parseMarket(req.query, this.ctx.catalog, token);
    if (market === undefined) throw apiErrors.missingMarket();
    if (!this.ctx.catalog.artistById(id)) throw apiErrors.nonExistingId();
    const s = serializerFor(this.ctx, market);
    return json(200, { tracks: this.ctx.catalog.topTracks(id, market).map((t) => s.track(t)) });
  }

  private related(req: EmulatorRequest, params: RouteParams): HandlerResult {
    authenticate(req, this.ctx.tokens);
    if (this.development) throw apiErrors.serviceNotFound();
    const id = assertSpotifyId(params.id);
    if (!this.ctx.catalog.artistById(id)) throw apiErrors.nonExistingId();
    const s = serializerFor(this.ctx);
    return json(200, { artists: this.ctx.catalog.relatedArtists(id).map((a) => s.artist(a)) });
  }

  private artistAlbums(req: EmulatorRequest, params: RouteParams): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    const id = assertSpotifyId(params.id);
    const market = parseMarket(req.query, this.ctx.catalog, token);
    // Development mode: default 5, max 10 (Spotify's OpenAPI since 2026-02).
    const limit = parseLimit(
      req.query,
      this.development ? { min: 1, max: 10, fallback: 5 } : { min: 1, max: 50, fallback: 20 },
    );
    const offset = parseOffset(req.query, 10_000);
    const rawGroups = list(req.query.get('include_groups'));
    if (rawGroups.some((g) => !(ALBUM_GROUPS as readonly string[]).includes(g))) {
      throw apiErrors.badRequest('Invalid include_groups value');
    }
    const groups = (rawGroups.length > 0 ? rawGroups : ALBUM_GROUPS) as readonly AlbumGroup[];
    const { catalog } = this.ctx;
    if (!catalog.artistById(id)) throw apiErrors.nonExistingId();

    type Entry = { readonly album: SpotifyAlbumRecord; readonly group: AlbumGroup };
    const own: Entry[] = catalog.albumsByArtist(id).map((album) => ({ album, group: album.albumType }));
    const ownIds = new Set(own.map((o) => o.album.id));
    const appearsOn = new Map<string, SpotifyAlbumRecord>();
    for (const t of catalog.tracksByArtist(id)) {
      if (!ownIds.has(t.albumId)) appearsOn.set(t.albumId, catalog.albumOf(t));
    }
    const all = [...own, ...[...appearsOn.values()].map((album): Entry => ({ album, group: 'appears_on' }))]
      .filter((e) => groups.includes(e.group))
      .filter((e) => market === undefined || e.album.availableMarkets.includes(market))
      .sort(
        (a, b) =>
          groups.indexOf(a.group) - groups.indexOf(b.group) ||
          b.album.releaseDate.localeCompare(a.album.releaseDate) ||
          a.album.id.localeCompare(b.album.id),
      );
    const s = serializerFor(this.ctx, market);
    const base = `${this.ctx.apiUrl()}/artists/${id}/albums`;
    const extra = rawGroups.length > 0 ? `&include_groups=${rawGroups.join(',')}` : '';
    return json(200, {
      href: `${base}?offset=${offset}&limit=${limit}${extra}`,
      items: all.slice(offset, offset + limit).map((e) => {
        const item = s.simplifiedAlbum(e.album);
        // album_group is one of the fields removed for development-mode apps.
        return this.development ? item : { ...item, album_group: e.group };
      }),
      limit,
      next: offset + limit < all.length ? `${base}?offset=${offset + limit}&limit=${limit}${extra}` : null,
      offset,
      previous: offset > 0 ? `${base}?offset=${Math.max(0, offset - limit)}&limit=${limit}${extra}` : null,
      total: all.length,
    });
  }

  private recommendations(req: EmulatorRequest): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    if (this.development) throw apiErrors.serviceNotFound();
    const q = req.query;
    const seedArtists = list(q.get('seed_artists')).map(assertSpotifyId);
    const seedTracks = list(q.get('seed_tracks')).map(assertSpotifyId);
    const seedGenres = list(q.get('seed_genres'));
    const seedCount = seedArtists.length + seedTracks.length + seedGenres.length;
    if (seedCount === 0) throw apiErrors.badRequest('At least one seed must be provided');
    if (seedCount > 5) throw apiErrors.badRequest('Too many seeds: at most 5 are allowed');
    const limit = parseLimit(q, { min: 1, max: 100, fallback: 20 });
    const market = parseMarket(q, this.ctx.catalog, token);
    const { catalog } = this.ctx;

    const filters = [...q.keys()].flatMap((key) => {
      const m = /^(min|max)_(.+)$/.exec(key);
      const attribute = m ? ATTRIBUTES[m[2]] : undefined;
      const bound = Number(q.get(key));
      if (!m || !attribute || !Number.isFinite(bound)) return [];
      return [(t: SpotifyTrackRecord) => (m[1] === 'min' ? attribute(t) >= bound : attribute(t) <= bound)];
    });
    const playable = (t: SpotifyTrackRecord) =>
      (market === undefined || t.availableMarkets.includes(market)) && t.availableMarkets.length > 0;

    const seeds: SpotifyRecommendationSeedJson[] = [];
    const pool = new Map<string, SpotifyTrackRecord>();
    const addSeed = (
      type: SpotifyRecommendationSeedJson['type'],
      id: string,
      href: string | null,
      found: readonly SpotifyTrackRecord[],
    ) => {
      const candidates = found.filter((t) => !seedTracks.includes(t.id));
      const kept = candidates.filter((t) => playable(t) && filters.every((f) => f(t)));
      kept.forEach((t) => pool.set(t.id, t));
      seeds.push({
        afterFilteringSize: kept.length,
        afterRelinkingSize: kept.length,
        href,
        id,
        initialPoolSize: candidates.length,
        type,
      });
    };
    const around = (artistId: string) => [
      ...catalog.tracksByArtist(artistId),
      ...catalog.relatedArtists(artistId).flatMap((a) => catalog.tracksByArtist(a.id)),
    ];
    for (const id of seedArtists)
      addSeed('ARTIST', id, `${this.ctx.apiUrl()}/artists/${id}`, catalog.artistById(id) ? around(id) : []);
    for (const id of seedTracks) {
      const track = catalog.trackById(id);
      addSeed('TRACK', id, `${this.ctx.apiUrl()}/tracks/${id}`, track ? around(track.artistIds[0]) : []);
    }
    for (const genre of seedGenres) {
      const artists = catalog.artists.filter((a) => a.genres.includes(genre));
      addSeed(
        'GENRE',
        genre,
        null,
        artists.flatMap((a) => catalog.tracksByArtist(a.id)),
      );
    }

    // A stable shuffle keyed by the seeds: the same request gives the same answer, different seeds differ.
    const key = q.toString();
    const tracks = [...pool.values()]
      .map((track) => ({ track, rank: hashString(`${key}:${track.id}`) }))
      .sort((a, b) => a.rank - b.rank || byPopularityThenId(a.track, b.track))
      .slice(0, limit)
      .map((e) => e.track);
    const s = serializerFor(this.ctx, market);
    return json(200, { seeds, tracks: tracks.map((t) => s.track(t)) });
  }
}
