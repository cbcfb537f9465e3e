// Recordings are what an ISRC identifies; several catalog tracks (single, album, deluxe, compilation) can carry the
// same recording, while edits, live takes and remasters are new recordings with their own ISRC.
import type { ArtistSpec } from './spotify-catalog.data';
import type { SpotifyAudioFeaturesRecord } from './spotify-catalog.types';
import type { Random } from '../common';
import { clamp, gaussian, intBetween, round } from './spotify-prng';
import type { TitleSource } from './spotify-titles';

export interface Recording {
  readonly name: string;
  readonly artistIds: readonly string[];
  readonly isrc: string;
  readonly durationMs: number;
  readonly explicit: boolean;
  /** Added to the artist's base popularity for every track carrying this recording. */
  readonly popOffset: number;
  readonly features: SpotifyAudioFeaturesRecord;
}

export type VersionKind = 'radio-edit' | 'acoustic' | 'remix' | 'extended' | 'live' | 'remaster';

export interface ArtistContext {
  readonly id: string;
  readonly spec: ArtistSpec;
  readonly titles: TitleSource;
  /** Other artists (id and name) that may be featured or remix. */
  readonly others: readonly { readonly id: string; readonly name: string }[];
}

export class RecordingFactory {
  private readonly isrcCounters = new Map<string, number>();

  constructor(private readonly rnd: Random) {}

  /** A new song: fresh title, fresh ISRC registered in the given year. */
  newSong(artist: ArtistContext, year: number): Recording {
    const rnd = this.rnd;
    const { title, fixed } = artist.titles.nextSongTitle();
    const artistIds = [artist.id];
    let name = title;
    // Fixed titles stay uncredited so tests can find them by their exact name.
    if (!fixed && artist.others.length > 0 && rnd() < artist.spec.featRate) {
      const featured = artist.others[Math.floor(rnd() * artist.others.length)];
      artistIds.push(featured.id);
      name = `${title} (feat. ${featured.name})`;
    }
    const [minMs, maxMs] = artist.spec.instrumental ? [180_000, 420_000] : [140_000, 300_000];
    const explicitRate = artist.spec.language === 'fr' ? 0.05 : 0.13;
    return {
      name,
      artistIds,
      isrc: this.nextIsrc(artist.spec, year),
      durationMs: intBetween(rnd, minMs, maxMs),
      explicit: rnd() < explicitRate,
      popOffset: round(gaussian(rnd) * 10 - 4, 2),
      features: this.studioFeatures(artist.spec),
    };
  }

  /** A new recording derived from an existing one (different ISRC, different duration). */
  version(
    parent: Recording,
    artist: ArtistContext,
    kind: VersionKind,
    year: number,
    extra?: { readonly id: string; readonly name: string },
  ): Recording {
    const rnd = this.rnd;
    const f = parent.features;
    switch (kind) {
      case 'radio-edit':
        return this.derive(parent, artist, year, `${parent.name} - Radio Edit`, {
          durationMs: Math.max(120_000, parent.durationMs - intBetween(rnd, 15_000, 60_000)),
          popOffset: parent.popOffset - 4,
          features: f,
        });
      case 'acoustic':
        return this.derive(parent, artist, year, `${parent.name} - Acoustic`, {
          durationMs: parent.durationMs + intBetween(rnd, -20_000, 20_000),
          popOffset: parent.popOffset - 12,
          features: {
            ...f,
            acousticness: round(0.75 + rnd() * 0.24, 3),
            energy: round(f.energy * 0.5, 3),
            loudness: round(f.loudness - 5, 3),
          },
        });
      case 'remix': {
        const remixer = extra ?? artist.others[0];
        return this.derive(
          parent,
          artist,
          year,
          `${parent.name} - ${remixer.name} Remix`,
          {
            durationMs: parent.durationMs + intBetween(rnd, 10_000, 70_000),
            popOffset: parent.popOffset - 8,
            features: { ...f, danceability: round(0.7 + rnd() * 0.25, 3), tempo: round(120 + rnd() * 8, 3) },
          },
          remixer.id,
        );
      }
      case 'extended':
        return this.derive(parent, artist, year, `${parent.name} - Extended Mix`, {
          durationMs: parent.durationMs + intBetween(rnd, 60_000, 150_000),
          popOffset: parent.popOffset - 15,
          features: f,
        });
      case 'live':
        return this.derive(parent, artist, year, `${parent.name} - Live`, {
          durationMs: parent.durationMs + intBetween(rnd, 10_000, 45_000),
          popOffset: parent.popOffset - 14,
          features: {
            ...f,
            liveness: round(0.7 + rnd() * 0.28, 3),
            speechiness: round(f.speechiness + 0.03, 4),
          },
        });
      case 'remaster':
        return this.derive(parent, artist, year, `${parent.name} - Remastered ${year}`, {
          durationMs: parent.durationMs + intBetween(rnd, -2_000, 2_000),
          popOffset: parent.popOffset + 6,
          features: { ...f, loudness: round(Math.min(-2, f.loudness + 2.5), 3) },
        });
    }
  }

  private derive(
    parent: Recording,
    artist: ArtistContext,
    year: number,
    name: string,
    changes: Pick<Recording, 'durationMs' | 'popOffset' | 'features'>,
    extraArtistId?: string,
  ): Recording {
    const artistIds =
      extraArtistId && !parent.artistIds.includes(extraArtistId)
        ? [...parent.artistIds, extraArtistId]
        : parent.artistIds;
    return {
      name,
      artistIds,
      isrc: this.nextIsrc(artist.spec, year),
      durationMs: changes.durationMs,
      explicit: parent.explicit,
      popOffset: round(changes.popOffset, 2),
      features: changes.features,
    };
  }

  /** CC + registrant + YY + 5-digit designation, counted per registrant and year like real labels do. */
  private nextIsrc(spec: ArtistSpec, year: number): string {
    const yy = String(year % 100).padStart(2, '0');
    const key = `${spec.registrant}${yy}`;
    const next = (this.isrcCounters.get(key) ?? 0) + 1;
    this.isrcCounters.set(key, next);
    return `${spec.country}${spec.registrant}${yy}${String(next).padStart(5, '0')}`;
  }

  private studioFeatures(spec: ArtistSpec): SpotifyAudioFeaturesRecord {
    const rnd = this.rnd;
    const energy = clamp(0.2 + rnd() * 0.75, 0, 1);
    const dance = spec.genres.includes('edm') ? 0.65 + rnd() * 0.3 : 0.25 + rnd() * 0.65;
    const ts = rnd();
    return {
      acousticness: round(clamp(1 - energy + gaussian(rnd) * 0.12, 0.0001, 0.996), 4),
      danceability: round(dance, 3),
      energy: round(energy, 3),
      instrumentalness: round(
        spec.instrumental ? 0.55 + rnd() * 0.4 : rnd() < 0.8 ? rnd() * 0.0009 : rnd() * 0.3,
        6,
      ),
      key: rnd() < 0.02 ? -1 : intBetween(rnd, 0, 11),
      liveness: round(0.04 + rnd() * 0.3, 4),
      loudness: round(-14 + energy * 10 + gaussian(rnd), 3),
      mode: rnd() < 0.62 ? 1 : 0,
      speechiness: round(0.025 + rnd() * (spec.language === 'es' ? 0.2 : 0.09), 4),
      tempo: round(70 + rnd() * 110, 3),
      timeSignature: ts < 0.86 ? 4 : ts < 0.96 ? 3 : 5,
      valence: round(0.05 + rnd() * 0.9, 3),
    };
  }
}
