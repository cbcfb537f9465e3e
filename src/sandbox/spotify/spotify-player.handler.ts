// The listener's own endpoints: GET /v1/me and GET /v1/me/player/recently-played (user token required).
import type { SpotifyContextJson, SpotifyRecentlyPlayedJson, SpotifyUserJson } from './spotify-api.types';
import { authenticate, requireUser } from './spotify-bearer.guard';
import { serializerFor, type EmulatorContext } from './spotify-emulator.context';
import { apiErrors } from './spotify-errors';
import { json, type EmulatorRequest, type HandlerResult } from '../common';
import { ListeningHistory, type Play } from './spotify-listening-history';
import { parseLimit } from './spotify-params';
import { base62Id } from './spotify-prng';
import type { SandboxRouter } from '../common';

function cursor(query: URLSearchParams, name: 'after' | 'before'): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw apiErrors.badRequest(`Invalid '${name}' parameter`);
  return Number(raw);
}

export class SpotifyPlayerHandler {
  private history: ListeningHistory | undefined;

  constructor(private readonly ctx: EmulatorContext) {}

  register(router: SandboxRouter): void {
    router.on('GET', '/v1/me', (req) => this.me(req));
    router.on('GET', '/v1/me/player/recently-played', (req) => this.recentlyPlayed(req));
  }

  private me(req: EmulatorRequest): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    requireUser(token);
    const { listener } = this.ctx.catalog;
    const scopes = token.scope.split(' ');
    const user: SpotifyUserJson = {
      id: listener.id,
      display_name: listener.displayName,
      external_urls: { spotify: `https://open.spotify.com/user/${listener.id}` },
      href: `${this.ctx.apiUrl()}/users/${listener.id}`,
      images: [],
      type: 'user',
      uri: `spotify:user:${listener.id}`,
      account_id: base62Id(`account:${listener.id}`),
    };
    // country, email, explicit_content, followers and product are gone for development-mode apps (Feb 2026).
    if (this.ctx.state.mode === 'extended') {
      user.followers = { href: null, total: listener.followers };
      if (scopes.includes('user-read-private')) {
        user.country = listener.country;
        user.product = listener.product;
        user.explicit_content = { filter_enabled: false, filter_locked: false };
      }
      if (scopes.includes('user-read-email')) user.email = listener.email;
    }
    return json(200, user);
  }

  private recentlyPlayed(req: EmulatorRequest): HandlerResult {
    const token = authenticate(req, this.ctx.tokens);
    requireUser(token, 'user-read-recently-played');
    const q = req.query;
    const limit = parseLimit(q, { min: 1, max: 50, fallback: 20 });
    const after = cursor(q, 'after');
    const before = cursor(q, 'before');
    if (after !== undefined && before !== undefined) {
      throw apiErrors.badRequest('Only one of the parameters before or after can be specified');
    }
    this.history ??= new ListeningHistory(this.ctx.catalog);
    const recent = this.history.recent(this.ctx.now());

    // `after` pages forward in time (the plays just after the cursor), otherwise backward from `before` or now.
    let page: Play[];
    let more: boolean;
    if (after !== undefined) {
      const newer = recent.filter((p) => p.playedAt > after);
      page = newer.slice(Math.max(0, newer.length - limit));
      more = newer.length > limit;
    } else {
      const older = before === undefined ? recent : recent.filter((p) => p.playedAt < before);
      page = older.slice(0, limit);
      more = older.length > limit;
    }

    const base = `${this.ctx.apiUrl()}/me/player/recently-played`;
    const hrefParams = new URLSearchParams({ limit: String(limit) });
    if (after !== undefined) hrefParams.set('after', String(after));
    if (before !== undefined) hrefParams.set('before', String(before));
    const cursors =
      page.length > 0
        ? { after: String(page[0].playedAt), before: String(page[page.length - 1].playedAt) }
        : null;
    let next: string | null = null;
    if (cursors && more) {
      next =
        after !== undefined
          ? `${base}?after=${cursors.after}&limit=${limit}`
          : `${base}?before=${cursors.before}&limit=${limit}`;
    }
    const s = serializerFor(this.ctx);
    const body: SpotifyRecentlyPlayedJson = {
      items: page.map((p) => ({
        track: s.track(p.track),
        played_at: new Date(p.playedAt).toISOString(),
        context: p.context ? this.contextJson(p.context) : null,
      })),
      next,
      cursors,
      limit,
      href: `${base}?${hrefParams.toString()}`,
    };
    return json(200, body);
  }

  private contextJson(context: NonNullable<Play['context']>): SpotifyContextJson {
    return {
      type: context.type,
      href: `${this.ctx.apiUrl()}/${context.type}s/${context.id}`,
      external_urls: { spotify: `https://open.spotify.com/${context.type}/${context.id}` },
      uri: `spotify:${context.type}:${context.id}`,
    };
  }
}
