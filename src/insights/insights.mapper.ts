import type { ArtistSnapshot, TrackedArtist } from './insights.types';
import { ArtistSnapshotModel, InsightSourceEnum } from './models/artist-snapshot.model';
import { TrackedArtistModel } from './models/tracked-artist.model';

export function toTrackedArtistModel(t: TrackedArtist): TrackedArtistModel {
  return { spotifyId: t.spotifyId, name: t.name, source: t.source, trackedAt: t.trackedAt };
}

export function toArtistSnapshotModel(s: ArtistSnapshot): ArtistSnapshotModel {
  return {
    spotifyId: s.spotifyId,
    name: s.name,
    date: s.day,
    collectedAt: s.collectedAt,
    followers: s.followers,
    followersSource: s.followersSource ? InsightSourceEnum[s.followersSource] : null,
    followersAsOf: s.followersAsOf,
    popularity: s.popularity,
    genres: s.genres,
    monthlyListeners: s.monthlyListeners,
    monthlyListenersAsOf: s.monthlyListenersAsOf,
    trackedMarkets: s.trackedMarkets,
    activeMarkets: s.activeMarkets,
    markets: s.markets,
    topTracks: s.topTracks,
    audioProfile: s.audioProfile,
    relatedArtists: s.relatedArtists,
    benchmark: s.benchmark,
    recommendations: s.recommendations,
    skipped: s.skipped,
  };
}
