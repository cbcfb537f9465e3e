// One artist's discography: studio albums with lead singles (and their edits or remixes), deluxe editions, a
// remastered re-release, a live album and a best-of, all drawn from the shared seeded random stream.
import {
  ALL_MARKETS,
  FRANCOPHONE_MARKETS,
  LIVE_VENUES,
  RUE_DE_VIVRE_ID,
  type ArtistSpec,
} from './spotify-catalog.data';
import type { AlbumInput, CatalogBuilder, ReleaseDate, TrackPlan } from './spotify-catalog.builder';
import type { Random } from '../common';
import { intBetween, pick } from './spotify-prng';
import type { ArtistContext, Recording, RecordingFactory, VersionKind } from './spotify-recording.factory';

export const LAST_RELEASE_YEAR = 2025;

interface StudioAlbum {
  readonly name: string;
  readonly recordings: readonly Recording[];
  readonly year: number;
}

function monthsBefore(d: ReleaseDate, months: number, rnd: Random): ReleaseDate {
  // Clamped to January: a single released the year before its ISRC year would look wrong.
  const month = Math.max(1, d.month - months);
  return { year: d.year, month, day: intBetween(rnd, 1, 28), precision: 'day' };
}

export class ArtistGenerator {
  private trackCount = 0;
  private readonly studioAlbums: StudioAlbum[] = [];
  private readonly albumTitles = new Set<string>();

  constructor(
    private readonly builder: CatalogBuilder,
    private readonly factory: RecordingFactory,
    private readonly artist: ArtistContext,
  ) {}

  generate(): void {
    const { spec } = this.artist;
    const reserve = 16 + (spec.remasterYear ? 14 : 0) + (spec.liveAlbum ? 14 : 0);
    const estAlbums = Math.max(3, Math.round(spec.trackBudget / 26));
    const span = Math.max(1, LAST_RELEASE_YEAR - spec.debutYear);
    for (let k = 0; this.trackCount < spec.trackBudget - reserve; k++) {
      const year = Math.min(LAST_RELEASE_YEAR, spec.debutYear + Math.floor((k * span) / estAlbums));
      this.studioCycle(k, year);
    }
    this.remaster();
    this.liveAlbum();
    this.compilation();
  }

  private get rnd(): Random {
    return this.builder.rnd;
  }

  private add(input: Omit<AlbumInput, 'artist'>): void {
    this.trackCount += this.builder.addAlbum({ ...input, artist: this.artist });
  }

  private studioCycle(k: number, year: number): void {
    const rnd = this.rnd;
    const { spec } = this.artist;
    // Rue De Vivre's debut is pinned (deluxe edition, radio edit) so the known-ids cases always exist.
    const pinned = spec.id === RUE_DE_VIVRE_ID && k === 0;
    const date: ReleaseDate = {
      year,
      month: intBetween(rnd, 1, 12),
      day: intBetween(rnd, 1, 28),
      precision: year < 2000 ? (rnd() < 0.5 ? 'year' : 'month') : 'day',
    };
    const n = pinned ? 12 : intBetween(rnd, 8, 16);
    const recordings = Array.from({ length: n }, () => this.factory.newSong(this.artist, year));
    const leadCount = intBetween(rnd, 1, 3);
    const leads = new Set<number>([0]);
    while (leads.size < leadCount) leads.add(intBetween(rnd, 0, n - 1));
    [...leads]
      .sort((a, b) => a - b)
      .forEach((index, j) =>
        this.single(recordings[index], monthsBefore(date, (leadCount - j) * 2, rnd), pinned),
      );

    const name = this.artist.titles.nextAlbumTitle(this.albumTitles);
    this.add({
      name,
      type: 'album',
      date,
      plans: recordings.map((rec, i) => ({ rec, popDelta: (leads.has(i) ? 8 : 0) - i * 0.8, jitter: false })),
      markets: pinned
        ? ALL_MARKETS
        : spec.name === 'Les Étoiles Filantes' && k === 1
          ? FRANCOPHONE_MARKETS
          : undefined,
    });
    if (pinned || (n <= 13 && rnd() < 0.35)) {
      const bonus = Array.from({ length: Math.min(3, 16 - n) }, () =>
        this.factory.newSong(this.artist, Math.min(LAST_RELEASE_YEAR, year + 1)),
      );
      this.add({
        name: `${name} (Deluxe Edition)`,
        type: 'album',
        date: { ...date, year: Math.min(LAST_RELEASE_YEAR, year + 1), precision: 'day' },
        plans: [
          ...recordings.map((rec, i) => ({ rec, popDelta: -12 - i * 0.5, jitter: true })),
          ...bonus.map((rec) => ({ rec, popDelta: -10, jitter: false })),
        ],
      });
    }
    this.studioAlbums.push({ name, recordings, year });
  }

  private single(lead: Recording, date: ReleaseDate, pinned: boolean): void {
    const rnd = this.rnd;
    const plans: TrackPlan[] = [{ rec: lead, popDelta: 4, jitter: true }];
    const roll = rnd();
    const isDj = this.artist.spec.genres.includes('edm');
    let kind: VersionKind | undefined;
    if (pinned || roll < 0.3) kind = 'radio-edit';
    else if (roll < 0.42) kind = 'acoustic';
    else if (roll < (isDj ? 0.8 : 0.55)) kind = isDj && rnd() < 0.5 ? 'extended' : 'remix';
    if (kind) {
      const remixer = kind === 'remix' ? pick(rnd, this.artist.others) : undefined;
      plans.push({
        rec: this.factory.version(lead, this.artist, kind, date.year, remixer),
        popDelta: 0,
        jitter: false,
      });
    }
    this.add({ name: lead.name, type: 'single', date, plans });
  }

  private remaster(): void {
    const year = this.artist.spec.remasterYear;
    const first = this.studioAlbums[0];
    if (year === undefined || first === undefined || first.year >= year) return;
    const rnd = this.rnd;
    this.add({
      name: `${first.name} (Remastered ${year})`,
      type: 'album',
      date: { year, month: intBetween(rnd, 1, 12), day: intBetween(rnd, 1, 28), precision: 'day' },
      plans: first.recordings.map((rec, i) => ({
        rec: this.factory.version(rec, this.artist, 'remaster', year),
        popDelta: -i * 0.6,
        jitter: false,
      })),
    });
  }

  private liveAlbum(): void {
    if (!this.artist.spec.liveAlbum) return;
    const rnd = this.rnd;
    const french = this.artist.spec.language === 'fr';
    const venue = french ? "L'Olympia" : pick(rnd, LIVE_VENUES.slice(1));
    const year = Math.min(LAST_RELEASE_YEAR, (this.studioAlbums.at(-1)?.year ?? LAST_RELEASE_YEAR) + 1);
    this.add({
      name: french ? `Live à ${venue}` : `Live at ${venue}`,
      type: 'album',
      date: { year, month: intBetween(rnd, 1, 12), day: intBetween(rnd, 1, 28), precision: 'day' },
      plans: this.best(intBetween(rnd, 8, 14)).map((rec) => ({
        rec: this.factory.version(rec, this.artist, 'live', year),
        popDelta: 0,
        jitter: false,
      })),
      markets: french ? FRANCOPHONE_MARKETS : undefined,
    });
  }

  private compilation(): void {
    if (this.studioAlbums.length < 4) return;
    const rnd = this.rnd;
    const { spec } = this.artist;
    const names: Record<ArtistSpec['language'], string> = {
      en: `The Best of ${spec.name}`,
      fr: `Le Meilleur de ${spec.name}`,
      es: 'Grandes Éxitos',
      nordic: `Det Bedste Af ${spec.name}`,
    };
    const year = Math.min(LAST_RELEASE_YEAR, (this.studioAlbums.at(-1)?.year ?? LAST_RELEASE_YEAR) + 1);
    this.add({
      name: names[spec.language],
      type: 'compilation',
      date: { year, month: intBetween(rnd, 1, 12), day: intBetween(rnd, 1, 28), precision: 'day' },
      plans: this.best(intBetween(rnd, 10, 16)).map((rec) => ({ rec, popDelta: -10, jitter: true })),
    });
  }

  /** The artist's most popular studio recordings, one per song. */
  private best(count: number): Recording[] {
    return this.studioAlbums
      .flatMap((a) => a.recordings)
      .filter((r) => r.artistIds[0] === this.artist.id)
      .sort((a, b) => b.popOffset - a.popOffset || a.isrc.localeCompare(b.isrc))
      .slice(0, count);
  }
}
