// The sandbox listener's play history, derived from the clock instead of stored: slot n is played about 7 minutes
// after slot n-1 from a fixed epoch, its track picked by a seeded hash. Polling later therefore finds newer plays,
// and only the 50 most recent are reachable, like Spotify's recently-played endpoint.
import type { SpotifyCatalog } from './spotify-catalog';
import type { SpotifyTrackRecord } from './spotify-catalog.types';
import { hashString, hashUnit } from '../common';

export const HISTORY_EPOCH_MS = Date.UTC(2026, 0, 1);
export const PLAY_INTERVAL_MS = 7 * 60 * 1000;
/** Each play lands up to 3 minutes after its slot start: irregular but strictly increasing. */
const PLAY_JITTER_MS = 3 * 60 * 1000;
export const REACHABLE_PLAYS = 50;

export interface Play {
  readonly slot: number;
  readonly playedAt: number;
  readonly track: SpotifyTrackRecord;
  readonly context: { readonly type: 'album' | 'artist'; readonly id: string } | null;
}

export class ListeningHistory {
  private readonly favourites: readonly SpotifyTrackRecord[];
  private readonly everything: readonly SpotifyTrackRecord[];

  constructor(private readonly catalog: SpotifyCatalog) {
    const { listener } = catalog;
    const playable = catalog.tracks.filter((t) => t.availableMarkets.includes(listener.country));
    this.everything = playable;
    this.favourites = playable.filter((t) => listener.favouriteArtistIds.includes(t.artistIds[0]));
  }

  playedAt(slot: number): number {
    return (
      HISTORY_EPOCH_MS +
      slot * PLAY_INTERVAL_MS +
      (hashString(`${this.catalog.seed}:jitter:${slot}`) % PLAY_JITTER_MS)
    );
  }

  /** Newest slot already played at `now`, or -1 before the first play. */
  latestSlot(now: number): number {
    if (now < this.playedAt(0)) return -1;
    let slot = Math.floor((now - HISTORY_EPOCH_MS) / PLAY_INTERVAL_MS);
    while (slot > 0 && this.playedAt(slot) > now) slot--;
    return slot;
  }

  play(slot: number): Play {
    const key = `${this.catalog.seed}:play:${slot}`;
    const pool =
      hashUnit(`${key}:pool`) < 0.65 && this.favourites.length > 0 ? this.favourites : this.everything;
    const track = pool[hashString(`${key}:track`) % pool.length];
    const roll = hashUnit(`${key}:context`);
    const context =
      roll < 0.5
        ? { type: 'album' as const, id: track.albumId }
        : roll < 0.8
          ? { type: 'artist' as const, id: track.artistIds[0] }
          : null;
    return { slot, playedAt: this.playedAt(slot), track, context };
  }

  /** The reachable plays at `now`, newest first. */
  recent(now: number): Play[] {
    const latest = this.latestSlot(now);
    const plays: Play[] = [];
    for (let slot = latest; slot >= 0 && slot > latest - REACHABLE_PLAYS; slot--) plays.push(this.play(slot));
    return plays;
  }
}
