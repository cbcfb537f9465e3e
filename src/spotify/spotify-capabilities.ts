// Capability names and the pure rules around them (design §3): what each configured mode implies, what a response
// tells about fields, and which mode the learned capabilities amount to.
import type { SpotifyApiMode } from 'src/config';
import type { SpotifyAlbum, SpotifyArtist, SpotifyTrack } from './spotify-api.types';

export const SPOTIFY_CAPABILITIES = [
  'tracks.multiGet',
  'artists.multiGet',
  'albums.multiGet',
  'audioFeatures',
  'artists.topTracks',
  'relatedArtists',
  'recommendations',
  'markets',
  'search.limit50',
  'track.popularity',
  'track.availableMarkets',
  'album.popularity',
  'album.label',
  'artist.popularity',
  'artist.followers',
  'artist.genres',
] as const;

export type SpotifyCapabilityName = (typeof SPOTIFY_CAPABILITIES)[number];

export interface CapabilityObservation {
  name: SpotifyCapabilityName;
  available: boolean;
  reason: string;
}

export interface CapabilityState {
  name: SpotifyCapabilityName;
  /** null: not learned yet (auto mode); callers try and learn. */
  available: boolean | null;
  checkedAt: Date | null;
  reason: string | null;
}

/** Effective mode: what the configuration says, or in `auto` what the learned multi-gets say (AUTO: not yet known). */
export type EffectiveSpotifyMode = 'AUTO' | 'EXTENDED' | 'DEVELOPMENT';

/**
 * What a fixed SPOTIFY_API_MODE means. Development mode keeps `genres`: no changelog removed them (they are only
 * flagged deprecated), and the emulator keeps them too.
 */
export function configuredAvailability(
  mode: Exclude<SpotifyApiMode, 'auto'>,
  name: SpotifyCapabilityName,
): boolean {
  return mode === 'extended' || name === 'artist.genres';
}

const presence = (
  name: SpotifyCapabilityName,
  present: boolean,
  field: string,
  source: string,
): CapabilityObservation => ({
  name,
  available: present,
  reason: present ? `${field} present in ${source}` : `${field} absent from ${source}`,
});

/** Field capabilities a full track object proves. Only for answers to requests without `market=`. */
export function observeTrack(track: SpotifyTrack, source: string): CapabilityObservation[] {
  return [
    presence('track.popularity', track.popularity !== undefined, 'popularity', source),
    presence('track.availableMarkets', track.available_markets !== undefined, 'available_markets', source),
  ];
}

export function observeArtist(artist: SpotifyArtist, source: string): CapabilityObservation[] {
  return [
    presence('artist.popularity', artist.popularity !== undefined, 'popularity', source),
    presence('artist.followers', artist.followers !== undefined, 'followers', source),
    presence('artist.genres', artist.genres !== undefined, 'genres', source),
  ];
}

export function observeAlbum(album: SpotifyAlbum, source: string): CapabilityObservation[] {
  return [
    presence('album.popularity', album.popularity !== undefined, 'popularity', source),
    presence('album.label', album.label !== undefined, 'label', source),
  ];
}

export function effectiveMode(
  configured: SpotifyApiMode,
  multiGet: boolean | null | undefined,
): EffectiveSpotifyMode {
  if (configured === 'extended') return 'EXTENDED';
  if (configured === 'development') return 'DEVELOPMENT';
  if (multiGet === true) return 'EXTENDED';
  if (multiGet === false) return 'DEVELOPMENT';
  return 'AUTO';
}
