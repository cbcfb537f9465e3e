// Single and multi-get lookups: tracks, artists, albums, audio features, markets.
import { authenticate } from './spotify-bearer.guard';
import { serializerFor, type EmulatorContext } from './spotify-emulator.context';
import { apiErrors } from './spotify-errors';
import { json, type EmulatorRequest, type HandlerResult } from '../common';
import { assertSpotifyId, parseIds, parseLimit, parseMarket, parseOffset } from './spotify-params';
import type { RouteParams, SandboxRouter } from '../common';

/** Spotify's documented multi-get limits. */
export const MULTI_GET_LIMITS = { tracks: 50, artists: 50, albums: 20, audioFeatures: 100 } as const;

export class SpotifyItemsHandler {
  constructor(private readonly ctx: EmulatorContext) {}

  register(router: SandboxRouter): void {
    router.on('GET', '/v1/tracks/:id', (req, p) => this.track(req, p));
    router.on('GET', '/v1/tracks', (req) => this.tracks(req));
    router.on('GET', '/v1/artists/:id', (req, p) => this.artist(req, p));
    router.on('GET', '/v1/artists', (req) => this.artists(req));
    router.on('GET', '/v1/albums/:id', (req, p) => this.album(req, p));
    router.on('GET', '/v1/albums/:id/tracks', (req, p) => this.albumTracks(req, p));
    router.on('GET', '/v1/albums', (req) => this.albums(req));
    router.on('GET', '/v1/audio-features/:id', (req, p) => this.audioFeature(req, p));
    router.on('GET', '/v1/audio-features', (req) => this.audioFeatures(req));
    router.on('GET', '/v1/markets', (req) => this.markets(req));
  }

  private get development(): boolean {
    return this.ctx.state.mode === 'development';
  }

  private track(req: EmulatorRequest, params: RouteParams): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    const id = assertSpotifyId(params.id);
    const market = parseMarket(req.query, this.ctx.catalog, token);
    const track = this.ctx.catalog.trackById(id);
    if (!track) throw apiErrors.nonExistingId();
    return json(200, serializerFor(this.ctx, market).track(track));
  }

  private tracks(req: EmulatorRequest): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    if (this.development) throw apiErrors.forbidden();
    const ids = parseIds(req.query, MULTI_GET_LIMITS.tracks);
    const s = serializerFor(this.ctx, parseMarket(req.query, this.ctx.catalog, token));
    return json(200, {
      tracks: ids.map((id) => {
        const track = this.ctx.catalog.trackById(id);
        return track ? s.track(track) : null;
      }),
    });
  }

  private artist(req: EmulatorRequest, params: RouteParams): HandlerResult {
    authenticate(req, this.ctx.tokens);
    const artist = this.ctx.catalog.artistById(assertSpotifyId(params.id));
    if (!artist) throw apiErrors.nonExistingId();
    return json(200, serializerFor(this.ctx).artist(artist));
  }

  private artists(req: EmulatorRequest): HandlerResult {
    authenticate(req, this.ctx.tokens);
    if (this.development) throw apiErrors.forbidden();
    const ids = parseIds(req.query, MULTI_GET_LIMITS.artists);
    const s = serializerFor(this.ctx);
    return json(200, {
      artists: ids.map((id) => {
        const artist = this.ctx.catalog.artistById(id);
        return artist ? s.artist(artist) : null;
      }),
    });
  }

  private album(req: EmulatorRequest, params: RouteParams): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    const id = assertSpotifyId(params.id);
    const market = parseMarket(req.query, this.ctx.catalog, token);
    const album = this.ctx.catalog.albumById(id);
    if (!album) throw apiErrors.nonExistingId();
    return json(200, serializerFor(this.ctx, market).album(album));
  }

  private albums(req: EmulatorRequest): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    if (this.development) throw apiErrors.forbidden();
    const ids = parseIds(req.query, MULTI_GET_LIMITS.albums);
    const s = serializerFor(this.ctx, parseMarket(req.query, this.ctx.catalog, token));
    return json(200, {
      albums: ids.map((id) => {
        const album = this.ctx.catalog.albumById(id);
        return album ? s.album(album) : null;
      }),
    });
  }

  private albumTracks(req: EmulatorRequest, params: RouteParams): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    const id = assertSpotifyId(params.id);
    const market = parseMarket(req.query, this.ctx.catalog, token);
    const limit = parseLimit(req.query, { min: 1, max: 50, fallback: 20 });
    const offset = parseOffset(req.query, 10_000);
    const album = this.ctx.catalog.albumById(id);
    if (!album) throw apiErrors.nonExistingId();
    const s = serializerFor(this.ctx, market);
    const page = album.trackIds.slice(offset, offset + limit).flatMap((tid) => {
      const track = this.ctx.catalog.trackById(tid);
      return track ? [s.simplifiedTrack(track)] : [];
    });
    const base = `${this.ctx.apiUrl()}/albums/${id}/tracks`;
    const total = album.trackIds.length;
    return json(200, {
      href: `${base}?offset=${offset}&limit=${limit}`,
      items: page,
      limit,
      next: offset + limit < total ? `${base}?offset=${offset + limit}&limit=${limit}` : null,
      offset,
      previous: offset > 0 ? `${base}?offset=${Math.max(0, offset - limit)}&limit=${limit}` : null,
      total,
    });
  }

  private audioFeature(req: EmulatorRequest, params: RouteParams): HandlerResult {
    authenticate(req, this.ctx.tokens);
    // Observed since Nov 2024 for new apps: a bare 403 without message.
    if (this.development) throw apiErrors.forbiddenWithoutMessage();
    const track = this.ctx.catalog.trackById(assertSpotifyId(params.id));
    if (!track) throw apiErrors.nonExistingId();
    return json(200, serializerFor(this.ctx).audioFeatures(track));
  }

  private audioFeatures(req: EmulatorRequest): HandlerResult {
    authenticate(req, this.ctx.tokens);
    if (this.development) throw apiErrors.forbiddenWithoutMessage();
    const ids = parseIds(req.query, MULTI_GET_LIMITS.audioFeatures);
    const s = serializerFor(this.ctx);
    return json(200, {
      audio_features: ids.map((id) => {
        const track = this.ctx.catalog.trackById(id);
        return track ? s.audioFeatures(track) : null;
      }),
    });
  }

  private markets(req: EmulatorRequest): HandlerResult {
    authenticate(req, this.ctx.tokens);
    if (this.development) throw apiErrors.forbidden();
    return json(200, { markets: [...this.ctx.catalog.markets] });
  }
}
