import { Injectable } from '@nestjs/common';
import { buildSearchQuery, classifyMatch, MatchCandidate, WorkToMatch } from 'src/catalog/matching';
import { MusicService, SpotifyTrackInput } from 'src/music';
import { normalizeIsrc, SpotifyService, SpotifyTrack } from 'src/spotify';
import { PlaysRepository, TrackMatchRow } from './plays.repository';

/** An export row without a track URI: matched to a track by search. */
export interface NamedTrack {
  trackName: string;
  artistName: string | null;
}

export const matchKey = (t: NamedTrack) => ({
  artistKey: (t.artistName ?? '').trim().toLowerCase(),
  titleKey: t.trackName.trim().toLowerCase(),
});
const keyString = (k: { artistKey: string; titleKey: string }) => `${k.artistKey}\u0000${k.titleKey}`;

/**
 * Days a search that found nothing (NO_MATCH, AMBIGUOUS) is trusted: after that the row is searched again, since
 * Spotify's catalogue grows and the matcher improves. Matches are kept until something replaces them.
 */
export const MATCH_MISS_TTL_DAYS = 30;

/** Searches in flight at once while matching (the Spotify module paces them against the shared budget). */
const SEARCH_CONCURRENCY = 10;

const toTrackInput = (t: SpotifyTrack): SpotifyTrackInput => ({
  spotifyId: t.id,
  name: t.name,
  isrc: t.external_ids?.isrc ? normalizeIsrc(t.external_ids.isrc) : undefined,
  durationMs: t.duration_ms,
  albumName: t.album?.name,
  artists: t.artists.filter((a) => typeof a.id === 'string').map((a) => ({ spotifyId: a.id, name: a.name })),
});

const toCandidate = (t: SpotifyTrack): MatchCandidate => ({
  trackId: t.id,
  name: t.name,
  artists: t.artists.map((a) => a.name),
  durationMs: t.duration_ms,
  isrc: t.external_ids?.isrc ?? null,
  albumName: t.album?.name ?? null,
});

/**
 * What one ingestion (a poll, an import) learned about tracks, so each Spotify id and each name is resolved once:
 * the caches grow with distinct tracks, never with plays.
 */
export class ResolveSession {
  readonly trackIds = new Map<string, string>();
  /** Spotify ids Spotify no longer knows (removed tracks): their plays are skipped and counted. */
  readonly unavailable = new Set<string>();
  readonly matches = new Map<string, string | null>();
  /** Artists the music module did not have before this session: artist enrichment is queued for them. */
  readonly newArtistSpotifyIds = new Set<string>();
  searches = 0;
  lookedUp = 0;
  matched = 0;

  constructor(
    private readonly plays: PlaysRepository,
    private readonly music: MusicService,
    private readonly spotify: SpotifyService,
  ) {}

  /** Tracks as Spotify returned them (recently played, search results) → track ids. */
  async fromSpotifyTracks(tracks: readonly SpotifyTrack[]): Promise<Map<string, string>> {
    const unique = [...new Map(tracks.map((t) => [t.id, t])).values()];
    await this.loadKnown(unique.map((t) => t.id));
    const fresh = unique.filter((t) => !this.trackIds.has(t.id));
    if (fresh.length) await this.upsert(fresh);
    return new Map(
      unique.flatMap((t) => (this.trackIds.has(t.id) ? [[t.id, this.trackIds.get(t.id)!]] : [])),
    );
  }

  /** Spotify track ids (from export URIs) → track ids; ids Spotify does not know are left out. */
  async fromSpotifyIds(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    await this.loadKnown(unique);
    const missing = unique.filter((id) => !this.trackIds.has(id) && !this.unavailable.has(id));
    if (missing.length) {
      // A lookup set per batch: its cache holds whole Spotify tracks, and this session may see many thousands.
      const found = await this.spotify.forJob().tracks(missing);
      this.lookedUp += missing.length;
      const tracks = found.filter((t): t is SpotifyTrack => t !== null);
      missing.forEach((id, i) => {
        if (found[i] === null) this.unavailable.add(id);
      });
      if (tracks.length) await this.upsert(tracks);
    }
    return new Map(unique.flatMap((id) => (this.trackIds.has(id) ? [[id, this.trackIds.get(id)!]] : [])));
  }

  /**
   * Rows without a URI → track ids, through the catalog's matcher (one text search per distinct artist and title,
   * remembered in listening_track_match: a miss for MATCH_MISS_TTL_DAYS); only HIGH and MEDIUM matches count, the
   * rest map to null.
   */
  async fromNames(rows: readonly NamedTrack[]): Promise<Map<string, string | null>> {
    const byKey = new Map(rows.map((r) => [keyString(matchKey(r)), r]));
    const unknown = [...byKey.keys()].filter((k) => !this.matches.has(k));
    if (unknown.length) {
      const stored = await this.plays.matches(
        unknown.map((k) => matchKey(byKey.get(k)!)),
        MATCH_MISS_TTL_DAYS,
      );
      for (const m of stored) this.matches.set(keyString(m), m.trackId);
      const toSearch = unknown.filter((k) => !this.matches.has(k)).map((k) => byKey.get(k)!);
      for (let i = 0; i < toSearch.length; i += SEARCH_CONCURRENCY) {
        await this.search(toSearch.slice(i, i + SEARCH_CONCURRENCY));
      }
    }
    return new Map([...byKey.keys()].map((k) => [k, this.matches.get(k) ?? null]));
  }

  static keyOf(row: NamedTrack): string {
    return keyString(matchKey(row));
  }

  private async search(rows: NamedTrack[]): Promise<void> {
    const settled = await Promise.allSettled(rows.map((r) => this.matchOne(r)));
    const linked: SpotifyTrack[] = [];
    const results: { row: NamedTrack; match: Omit<TrackMatchRow, 'artistKey' | 'titleKey' | 'trackId'> }[] =
      [];
    let failure: Error | undefined;
    settled.forEach((s, i) => {
      if (s.status === 'rejected') {
        const reason: unknown = s.reason;
        failure ??= reason instanceof Error ? reason : new Error(`search failed: ${JSON.stringify(reason)}`);
        return;
      }
      results.push({ row: rows[i], match: s.value.match });
      if (s.value.track) linked.push(s.value.track);
    });
    const ids = linked.length ? await this.fromSpotifyTracks(linked) : new Map<string, string>();
    const saved: TrackMatchRow[] = results.map(({ row, match }) => ({
      ...matchKey(row),
      ...match,
      trackId: match.spotifyTrackId ? (ids.get(match.spotifyTrackId) ?? null) : null,
    }));
    // What was learned is kept even when another search of the chunk failed (a rate limit reschedules the job).
    await this.plays.saveMatches(saved);
    for (const m of saved) {
      this.matches.set(keyString(m), m.trackId);
      if (m.trackId) this.matched++;
    }
    if (failure) throw failure;
  }

  private async matchOne(row: NamedTrack): Promise<{
    match: Omit<TrackMatchRow, 'artistKey' | 'titleKey' | 'trackId'>;
    track?: SpotifyTrack;
  }> {
    const work: WorkToMatch = { title: row.trackName, artistName: row.artistName ?? '', durationMs: null };
    const query = buildSearchQuery(work);
    if (!query) return { match: { outcome: 'NO_MATCH', spotifyTrackId: null, score: null } };
    this.searches++;
    const found = await this.spotify.searchTrack({ title: query.title, artist: query.artist || undefined });
    const result = classifyMatch(work, found.map(toCandidate), { isrcMatched: false });
    if (result.outcome !== 'LINKED') {
      return {
        match: { outcome: result.outcome, spotifyTrackId: null, score: result.candidates[0]?.score ?? null },
      };
    }
    return {
      match: {
        outcome: result.confidence,
        spotifyTrackId: result.chosen.trackId,
        score: result.chosen.score,
      },
      track: found.find((t) => t.id === result.chosen.trackId),
    };
  }

  private async loadKnown(ids: readonly string[]): Promise<void> {
    const unknown = ids.filter((id) => !this.trackIds.has(id) && !this.unavailable.has(id));
    if (!unknown.length) return;
    for (const [spotifyId, trackId] of await this.plays.knownTracks(unknown))
      this.trackIds.set(spotifyId, trackId);
  }

  private async upsert(tracks: readonly SpotifyTrack[]): Promise<void> {
    const artistIds = [...new Set(tracks.flatMap((t) => t.artists.map((a) => a.id)).filter(Boolean))];
    const known = await this.plays.knownArtistSpotifyIds(artistIds);
    for (const id of artistIds) if (!known.has(id)) this.newArtistSpotifyIds.add(id);
    const ids = await this.music.upsertSpotifyTracks(tracks.map(toTrackInput));
    await this.plays.rememberTracks(ids);
    for (const [spotifyId, trackId] of ids) this.trackIds.set(spotifyId, trackId);
  }
}

/** Starts resolve sessions (one per poll or import run). */
@Injectable()
export class TrackResolver {
  constructor(
    private readonly plays: PlaysRepository,
    private readonly music: MusicService,
    private readonly spotify: SpotifyService,
  ) {}

  session(): ResolveSession {
    return new ResolveSession(this.plays, this.music, this.spotify);
  }
}
