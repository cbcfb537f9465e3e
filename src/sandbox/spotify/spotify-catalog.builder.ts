// Low-level assembly of the catalog: ids, album and track records, market availability, images.
import type { Random } from '../common';
import { ALL_MARKETS, TRACKED_MARKETS } from './spotify-catalog.data';
import type {
  SpotifyAlbumRecord,
  SpotifyAlbumType,
  SpotifyImageRecord,
  SpotifyReleaseDatePrecision,
  SpotifyTrackRecord,
} from './spotify-catalog.types';
import { base62Id, clamp, digitsFromKey, gaussian, hexFromKey, intBetween, pick } from './spotify-prng';
import type { ArtistContext, Recording } from './spotify-recording.factory';

export interface ReleaseDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly precision: SpotifyReleaseDatePrecision;
}

export interface TrackPlan {
  readonly rec: Recording;
  readonly popDelta: number;
  /** Same recording re-issued: ±450 ms of drift, so any two versions of it stay within a second. */
  readonly jitter: boolean;
}

export interface AlbumInput {
  readonly name: string;
  readonly type: SpotifyAlbumType;
  readonly artist: ArtistContext;
  readonly date: ReleaseDate;
  readonly plans: readonly TrackPlan[];
  readonly markets?: readonly string[];
}

// Spotify's CDN prefixes per image size; the rest of the id is 24 hex characters.
const ALBUM_IMAGE_PREFIXES: readonly [number, string][] = [
  [640, 'ab67616d0000b273'],
  [300, 'ab67616d00001e02'],
  [64, 'ab67616d00004851'],
];
export const ARTIST_IMAGE_PREFIXES: readonly [number, string][] = [
  [640, 'ab6761610000e5eb'],
  [300, 'ab67616100005174'],
  [64, 'ab6761610000f178'],
];

export function images(prefixes: readonly [number, string][], key: string): SpotifyImageRecord[] {
  const hex = hexFromKey(key, 24);
  return prefixes.map(([size, prefix]) => ({
    url: `https://i.scdn.co/image/${prefix}${hex}`,
    height: size,
    width: size,
  }));
}

function formatDate(d: ReleaseDate): string {
  const mm = String(d.month).padStart(2, '0');
  const dd = String(d.day).padStart(2, '0');
  switch (d.precision) {
    case 'year':
      return String(d.year);
    case 'month':
      return `${d.year}-${mm}`;
    case 'day':
      return `${d.year}-${mm}-${dd}`;
  }
}

/** Markets of at least one track, in ALL_MARKETS order (an album is available where any of its tracks is). */
function unionInOrder(lists: readonly (readonly string[])[]): string[] {
  const union = new Set(lists.flat());
  return ALL_MARKETS.filter((m) => union.has(m));
}

export class CatalogBuilder {
  readonly tracks: SpotifyTrackRecord[] = [];
  readonly albums: SpotifyAlbumRecord[] = [];
  private readonly ids = new Set<string>();
  private counter = 0;

  constructor(
    readonly seed: number,
    readonly rnd: Random,
  ) {}

  newId(kind: string): string {
    const id = base62Id(`${this.seed}:${kind}:${this.counter++}`);
    if (this.ids.has(id)) throw new Error(`Spotify sandbox catalog: duplicate id ${id}`);
    this.ids.add(id);
    return id;
  }

  reserveId(id: string): void {
    this.ids.add(id);
  }

  addAlbum(input: AlbumInput): number {
    const rnd = this.rnd;
    const albumId = this.newId('album');
    let albumMarkets = input.markets ?? ALL_MARKETS;
    if (!input.markets && rnd() < 0.08) {
      // Licensing gaps: a whole release missing from a few tracked markets.
      const missing = new Set(
        Array.from({ length: intBetween(rnd, 1, 3) }, () => pick(rnd, TRACKED_MARKETS)),
      );
      albumMarkets = albumMarkets.filter((m) => !missing.has(m));
    }
    const base = input.artist.spec.basePopularity;
    const trackIds: string[] = [];
    const restrictedMarkets: (readonly string[])[] = [];
    let fullyAvailable = false;
    let popularity = 0;
    input.plans.forEach((plan, index) => {
      let markets: readonly string[] = albumMarkets;
      const roll = rnd();
      if (roll < 0.003) markets = [];
      else if (roll < 0.035) {
        const missing = new Set([pick(rnd, TRACKED_MARKETS), pick(rnd, TRACKED_MARKETS)]);
        markets = albumMarkets.filter((m) => !missing.has(m));
      }
      const id = this.newId('track');
      const track: SpotifyTrackRecord = {
        id,
        name: plan.rec.name,
        albumId,
        artistIds: plan.rec.artistIds,
        discNumber: 1,
        trackNumber: index + 1,
        durationMs: plan.jitter ? plan.rec.durationMs + intBetween(rnd, -450, 450) : plan.rec.durationMs,
        explicit: plan.rec.explicit,
        isrc: plan.rec.isrc,
        popularity: Math.round(clamp(base + plan.rec.popOffset + plan.popDelta + gaussian(rnd) * 5, 0, 100)),
        availableMarkets: markets,
        audioFeatures: plan.rec.features,
      };
      this.tracks.push(track);
      trackIds.push(id);
      if (markets === albumMarkets) fullyAvailable = true;
      else restrictedMarkets.push(markets);
      popularity = Math.max(popularity, track.popularity);
    });
    const releaseDate = formatDate(input.date);
    const label = input.artist.spec.label;
    this.albums.push({
      id: albumId,
      name: input.name,
      albumType: input.type,
      artistIds: [input.artist.id],
      releaseDate,
      releaseDatePrecision: input.date.precision,
      label,
      upc: digitsFromKey(`${this.seed}:upc:${albumId}`, 12),
      popularity: Math.max(0, popularity - intBetween(rnd, 0, 6)),
      images: images(ALBUM_IMAGE_PREFIXES, `${this.seed}:album-image:${albumId}`),
      copyrights: [
        { text: `© ${input.date.year} ${label}`, type: 'C' },
        { text: `℗ ${input.date.year} ${label}`, type: 'P' },
      ],
      trackIds,
      availableMarkets: fullyAvailable ? albumMarkets : unionInOrder(restrictedMarkets),
    });
    return trackIds.length;
  }
}
