// Builds the whole seeded catalog. Pure: the same seed always yields the same artists, albums, tracks and ids.
import { ArtistGenerator } from './spotify-artist-releases.generator';
import { ARTIST_IMAGE_PREFIXES, CatalogBuilder, images } from './spotify-catalog.builder';
import { ALL_MARKETS, ARTIST_SPECS, RUE_DE_VIVRE_ID } from './spotify-catalog.data';
import { findKnownIds } from './spotify-catalog.known';
import type { SpotifyArtistRecord, SpotifyCatalogData } from './spotify-catalog.types';
import { mulberry32 } from '../common';
import { base62Id, clamp } from './spotify-prng';
import { RecordingFactory, type ArtistContext } from './spotify-recording.factory';
import { TitleSource } from './spotify-titles';

export const DEFAULT_CATALOG_SEED = 20260101;

function relatedArtists(artists: readonly SpotifyArtistRecord[], self: SpotifyArtistRecord): string[] {
  return artists
    .filter((other) => other.id !== self.id)
    .map((other) => {
      const sharedGenres = other.genres.filter((g) => self.genres.includes(g)).length;
      const sameCountry = other.country === self.country ? 1 : 0;
      const closeness = 1 - Math.abs(other.popularity - self.popularity) / 100;
      return { id: other.id, score: sharedGenres * 3 + sameCountry * 2 + closeness };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, 6)
    .map((r) => r.id);
}

/** Records are shared with callers (tests pick ids from them): freezing keeps the emulator's answers intact. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) {
      if (typeof child === 'object') deepFreeze(child);
    }
  }
  return value;
}

export function generateSpotifyCatalog(seed: number = DEFAULT_CATALOG_SEED): SpotifyCatalogData {
  const rnd = mulberry32(seed);
  const builder = new CatalogBuilder(seed, rnd);
  const factory = new RecordingFactory(rnd);

  const artistIds = ARTIST_SPECS.map((spec, i) => {
    const id = spec.id ?? base62Id(`${seed}:artist:${i}`);
    builder.reserveId(id);
    return id;
  });
  const everyone = ARTIST_SPECS.map((spec, i) => ({ id: artistIds[i], name: spec.name }));
  ARTIST_SPECS.forEach((spec, i) => {
    const context: ArtistContext = {
      id: artistIds[i],
      spec,
      titles: new TitleSource(spec.language, spec.fixedTitles, rnd),
      others: everyone.filter((a) => a.id !== artistIds[i]),
    };
    new ArtistGenerator(builder, factory, context).generate();
  });

  const draftArtists: SpotifyArtistRecord[] = ARTIST_SPECS.map((spec, i) => {
    const id = artistIds[i];
    const pops = builder.tracks
      .filter((t) => t.artistIds[0] === id)
      .map((t) => t.popularity)
      .sort((a, b) => b - a);
    const top = pops.slice(0, 10);
    if (top.length === 0) throw new Error(`Spotify sandbox catalog: ${spec.name} has no tracks`);
    const mean = top.reduce((s, p) => s + p, 0) / Math.max(1, top.length);
    // Spotify derives artist popularity from its tracks; an average of the top ten, a little damped, looks right.
    const popularity = Math.round(clamp(mean - 4, 0, 100));
    return {
      id,
      name: spec.name,
      genres: spec.genres,
      popularity,
      followers: Math.round(10 ** (2 + (popularity / 100) * 5.2) * (0.6 + rnd() * 0.8)),
      images: images(ARTIST_IMAGE_PREFIXES, `${seed}:artist-image:${id}`),
      relatedArtistIds: [],
      country: spec.country,
    };
  });
  const artists = draftArtists.map((a) => ({ ...a, relatedArtistIds: relatedArtists(draftArtists, a) }));

  const listener = {
    id: 'sandbox-listener',
    displayName: 'Sandbox Listener',
    email: 'listener@sandbox.soundgraph.test',
    country: 'FR',
    product: 'premium' as const,
    followers: 3,
    favouriteArtistIds: [RUE_DE_VIVRE_ID, artistIds[1], artistIds[2]],
  };

  const data = {
    seed,
    artists,
    albums: builder.albums,
    tracks: builder.tracks,
    markets: ALL_MARKETS,
    listener,
  };
  return deepFreeze({ ...data, known: findKnownIds(data) });
}
