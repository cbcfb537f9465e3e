// GET /v1/search: validation and Spotify's paging envelope around the pure matcher in spotify-search.ts.
import type { SpotifyPagingJson } from './spotify-api.types';
import { authenticate } from './spotify-bearer.guard';
import { serializerFor, type EmulatorContext } from './spotify-emulator.context';
import { apiErrors } from './spotify-errors';
import { json, type EmulatorRequest, type HandlerResult } from '../common';
import { parseLimit, parseMarket, parseOffset } from './spotify-params';
import type { SandboxRouter } from '../common';
import { isEmptyQuery, parseSearchQuery, SpotifySearchIndex } from './spotify-search';

const SEARCH_TYPES = ['album', 'artist', 'playlist', 'track', 'show', 'episode', 'audiobook'] as const;
type SearchType = (typeof SEARCH_TYPES)[number];

/** Search limits: 50/20 for extended quota, 10/5 for development mode since Feb 2026. */
export const SEARCH_LIMITS = {
  extended: { min: 1, max: 50, fallback: 20 },
  development: { min: 1, max: 10, fallback: 5 },
} as const;
const MAX_OFFSET = 1000;

export class SpotifySearchHandler {
  private index: SpotifySearchIndex | undefined;

  constructor(private readonly ctx: EmulatorContext) {}

  register(router: SandboxRouter): void {
    router.on('GET', '/v1/search', (req) => this.search(req));
  }

  private search(req: EmulatorRequest): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    // Spotify's own paging links spell the parameter `query`, so both are accepted.
    const q = req.query.get('q') ?? req.query.get('query');
    if (q === null || q.trim() === '') throw apiErrors.badRequest('No search query');
    const rawType = req.query.get('type');
    if (rawType === null || rawType === '') throw apiErrors.badRequest('Missing parameter type');
    const types = rawType.split(',').map((t) => t.trim());
    for (const t of types) {
      if (!(SEARCH_TYPES as readonly string[]).includes(t))
        throw apiErrors.badRequest(`Bad search type field ${t}`);
    }
    const limit = parseLimit(req.query, SEARCH_LIMITS[this.ctx.state.mode]);
    const offset = parseOffset(req.query, MAX_OFFSET);
    const market = parseMarket(req.query, this.ctx.catalog, token);
    const parsed = parseSearchQuery(q);
    if (isEmptyQuery(parsed)) throw apiErrors.badRequest('No search query');

    this.index ??= new SpotifySearchIndex(this.ctx.catalog);
    const index = this.index;
    const s = serializerFor(this.ctx, market);
    const page = <T, J>(type: SearchType, all: readonly T[], map: (item: T) => J): SpotifyPagingJson<J> => {
      const base = `${this.ctx.apiUrl()}/search`;
      const params = (o: number) => {
        const p = new URLSearchParams({ offset: String(o), limit: String(limit), query: q, type });
        if (market !== undefined) p.set('market', market);
        return `${base}?${p.toString()}`;
      };
      return {
        href: params(offset),
        items: all.slice(offset, offset + limit).map(map),
        limit,
        next: offset + limit < all.length ? params(offset + limit) : null,
        offset,
        previous: offset > 0 ? params(Math.max(0, offset - limit)) : null,
        total: all.length,
      };
    };

    const body: Record<string, SpotifyPagingJson<unknown>> = {};
    for (const type of types as SearchType[]) {
      switch (type) {
        case 'track':
          body.tracks = page(type, index.tracks(parsed, market), (t) => s.track(t));
          break;
        case 'artist':
          body.artists = page(type, index.artists(parsed), (a) => s.artist(a));
          break;
        case 'album':
          body.albums = page(type, index.albums(parsed, market), (a) => s.simplifiedAlbum(a));
          break;
        case 'playlist':
        case 'show':
        case 'episode':
        case 'audiobook':
          // The sandbox holds no such items; an empty page keeps clients' parsing honest.
          body[`${type}s`] = page(type, [], (x: never) => x);
          break;
      }
    }
    return json(200, body);
  }
}
