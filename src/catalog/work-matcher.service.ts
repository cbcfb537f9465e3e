import { Injectable } from '@nestjs/common';
import { SpotifyService, SpotifyTrack } from 'src/spotify';
import { WorkEntity } from './entities/work.entity';
import { buildSearchQuery, classifyMatch, MatchCandidate, MatchResult } from './matching';

export interface WorkMatch {
  result: MatchResult;
  /** Spotify searches this work cost (at most two). */
  searches: number;
  /** The Spotify tracks the searches returned, by id (to store the linked one without another request). */
  tracks: Map<string, SpotifyTrack>;
}

const toCandidate = (t: SpotifyTrack): MatchCandidate => ({
  trackId: t.id,
  name: t.name,
  artists: t.artists.map((a) => a.name),
  durationMs: t.duration_ms,
  isrc: t.external_ids?.isrc ?? null,
  albumName: t.album?.name ?? null,
});

/**
 * One work against Spotify: an ISRC search first when the work has one, then one text search at most. Tracks the
 * ISRC search found without linking stay in the running: the final decision is made on both searches' tracks, so
 * they reach the review candidates too.
 */
@Injectable()
export class WorkMatcher {
  constructor(private readonly spotify: SpotifyService) {}

  async match(work: WorkEntity): Promise<WorkMatch> {
    const tracks = new Map<string, SpotifyTrack>();
    const remember = (found: SpotifyTrack[]) => {
      for (const t of found) tracks.set(t.id, t);
      return found.map(toCandidate);
    };
    let searches = 0;
    let byIsrc: MatchCandidate[] = [];
    if (work.isrc) {
      searches++;
      byIsrc = remember(await this.spotify.searchByIsrc(work.isrc));
      if (byIsrc.length) {
        const result = classifyMatch(work, byIsrc, { isrcMatched: true });
        if (result.outcome === 'LINKED') return { result, searches, tracks };
      }
    }
    const query = buildSearchQuery(work);
    if (query) {
      searches++;
      const found = remember(
        await this.spotify.searchTrack({ title: query.title, artist: query.artist || undefined }),
      );
      return { result: classifyMatch(work, [...found, ...byIsrc], { isrcMatched: false }), searches, tracks };
    }
    return { result: classifyMatch(work, byIsrc, { isrcMatched: false }), searches, tracks };
  }
}
