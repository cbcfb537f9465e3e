// Hand-written inputs of the seeded catalog: who the artists are and which words their titles are made of. Kept
// apart from the generator so the "shape" of the catalog can be read at a glance.

export type TitleLanguage = 'en' | 'fr' | 'es' | 'nordic';

export interface ArtistSpec {
  /** Fixed id when other code already knows it; otherwise derived from the seed. */
  readonly id?: string;
  readonly name: string;
  readonly country: string;
  /** ISRC registrant code (3 alphanumerics). */
  readonly registrant: string;
  readonly label: string;
  readonly genres: readonly string[];
  readonly basePopularity: number;
  readonly debutYear: number;
  readonly language: TitleLanguage;
  /** Roughly how many tracks (all versions included) the artist gets. */
  readonly trackBudget: number;
  /** Titles used first, in order, before generated ones. */
  readonly fixedTitles: readonly string[];
  /** Share of recordings that credit a featured artist. */
  readonly featRate: number;
  /** Year of a remastered re-release of the first album, if any. */
  readonly remasterYear?: number;
  readonly liveAlbum: boolean;
  readonly instrumental: boolean;
}

export const RUE_DE_VIVRE_ID = '293x3NAIGPR4RCJrFkzs0P';

/** The 13 markets Soundgraph tracks (design.md §6). */
export const TRACKED_MARKETS: readonly string[] = 'US GB CA AU DE FR ES IT NL SE NO DK FI'.split(' ');

/** What GET /markets answers; Spotify lists ~185, a representative subset is enough here. */
export const ALL_MARKETS: readonly string[] =
  'AD AE AR AT AU BE BG BO BR CA CH CL CO CR CY CZ DE DK DO EC EE EG ES FI FR GB GR GT HK HN HR HU ID IE IL IN IS IT JP KR LI LT LU LV MA MC MT MX MY NI NL NO NZ PA PE PH PL PT PY RO SA SE SG SK SV TH TR TW US UY VN ZA'.split(
    ' ',
  );

/** Markets of a francophone regional release (used for a few licensing-limited albums). */
export const FRANCOPHONE_MARKETS: readonly string[] = ['FR', 'BE', 'CH', 'LU', 'MC', 'CA', 'MA'];

export const ARTIST_SPECS: readonly ArtistSpec[] = [
  {
    id: RUE_DE_VIVRE_ID,
    name: 'Rue De Vivre',
    country: 'FR',
    registrant: 'Z03',
    label: 'Disques Canal Saint-Martin',
    genres: ['chanson', 'french pop', 'nouvelle chanson francaise'],
    basePopularity: 58,
    debutYear: 2004,
    language: 'fr',
    trackBudget: 260,
    fixedTitles: ['Café de Flore', 'Été indien', 'Les Nuits Blanches', 'Ça ira', 'Boulevard Saint-Michel'],
    featRate: 0.06,
    remasterYear: 2011,
    liveAlbum: true,
    instrumental: false,
  },
  {
    name: 'Marlow Banks',
    country: 'US',
    registrant: 'UM7',
    label: 'Harbor Line Records',
    genres: ['indie pop', 'bedroom pop'],
    basePopularity: 80,
    debutYear: 2014,
    language: 'en',
    trackBudget: 250,
    fixedTitles: ['Golden Hour', 'Paper Planes, Again', "Don't Call Me Sunshine"],
    featRate: 0.1,
    liveAlbum: false,
    instrumental: false,
  },
  {
    name: 'Les Étoiles Filantes',
    country: 'FR',
    registrant: 'A2K',
    label: 'Label Étoile',
    genres: ['french indie pop', 'electropop'],
    basePopularity: 42,
    debutYear: 2012,
    language: 'fr',
    trackBudget: 230,
    fixedTitles: ['Été indien', 'Minuit à Pigalle'],
    featRate: 0.05,
    liveAlbum: false,
    instrumental: false,
  },
  {
    name: 'Nordlys',
    country: 'NO',
    registrant: 'NR4',
    label: 'Fjordlyd',
    genres: ['norwegian pop', 'scandipop'],
    basePopularity: 55,
    debutYear: 2013,
    language: 'nordic',
    trackBudget: 240,
    fixedTitles: ['Midnattssol', 'Northern Lights (Nordlys)'],
    featRate: 0.08,
    liveAlbum: true,
    instrumental: false,
  },
  {
    name: 'Selma Havn',
    country: 'SE',
    registrant: 'SH1',
    label: 'Havn Musik',
    genres: ['swedish singer-songwriter'],
    basePopularity: 36,
    debutYear: 2016,
    language: 'en',
    trackBudget: 220,
    fixedTitles: ['Över havet', 'Quiet Harbour'],
    featRate: 0.04,
    liveAlbum: false,
    instrumental: false,
  },
  {
    name: 'The Velvet Arcade',
    country: 'GB',
    registrant: 'VA9',
    label: 'Camden Lock Recordings',
    genres: ['britpop', 'indie rock', 'modern rock'],
    basePopularity: 70,
    debutYear: 1996,
    language: 'en',
    trackBudget: 270,
    fixedTitles: ['Rock & Roll Heart', 'Hey, Stranger!', "What's Left of Brighton?"],
    featRate: 0.03,
    remasterYear: 2011,
    liveAlbum: true,
    instrumental: false,
  },
  {
    name: 'Ana Lucía Mar',
    country: 'ES',
    registrant: 'AL5',
    label: 'Marea Discos',
    genres: ['latin pop', 'spanish pop'],
    basePopularity: 78,
    debutYear: 2015,
    language: 'es',
    trackBudget: 250,
    fixedTitles: ['Corazón de Arena', 'Mañana Será'],
    featRate: 0.15,
    liveAlbum: false,
    instrumental: false,
  },
  {
    name: 'DJ Solenne',
    country: 'NL',
    registrant: 'DS2',
    label: 'Lowlands Dance',
    genres: ['dutch house', 'edm', 'progressive house'],
    basePopularity: 66,
    debutYear: 2017,
    language: 'en',
    trackBudget: 260,
    fixedTitles: ['Amsterdam After Dark', 'Higher (Never Let Go)'],
    featRate: 0.35,
    liveAlbum: false,
    instrumental: false,
  },
  {
    name: 'Brassworks Collective',
    country: 'US',
    registrant: 'BW3',
    label: 'Brassworks Self-Released',
    genres: [],
    basePopularity: 20,
    debutYear: 2018,
    language: 'en',
    trackBudget: 210,
    fixedTitles: ['Second Line Sunday'],
    featRate: 0.02,
    liveAlbum: true,
    instrumental: true,
  },
  {
    name: 'Kaito Blue',
    country: 'AU',
    registrant: 'KB6',
    label: 'Southern Cross Music',
    genres: ['australian indie'],
    basePopularity: 48,
    debutYear: 2015,
    language: 'en',
    trackBudget: 230,
    fixedTitles: ['Bondi, 6 AM'],
    featRate: 0.06,
    liveAlbum: false,
    instrumental: false,
  },
  {
    name: 'Ivy Mercer',
    country: 'CA',
    registrant: 'IV8',
    label: 'Maple Tree Music',
    genres: ['canadian pop', 'dance pop', 'pop'],
    basePopularity: 88,
    debutYear: 2016,
    language: 'en',
    trackBudget: 270,
    fixedTitles: ['Golden Hour', 'Satellite Heart'],
    featRate: 0.12,
    liveAlbum: false,
    instrumental: false,
  },
  {
    name: 'Oskar Lind',
    country: 'DK',
    registrant: 'OL0',
    label: 'Oskar Lind',
    genres: [],
    basePopularity: 12,
    debutYear: 2020,
    language: 'nordic',
    trackBudget: 200,
    fixedTitles: ['Kære København'],
    featRate: 0.03,
    liveAlbum: false,
    instrumental: false,
  },
];

export interface TitleWords {
  readonly patterns: readonly string[];
  readonly adjectives: readonly string[];
  readonly nouns: readonly string[];
  readonly places: readonly string[];
}

// Patterns: {A} adjective, {N}/{M} nouns, {P} place. Punctuation and apostrophes on purpose: the auto-linker must
// normalise them.
// prettier-ignore
export const TITLE_WORDS: Readonly<Record<TitleLanguage, TitleWords>> = {
  en: {
    patterns: [
      '{A} {N}', '{A} {N}', '{N} in the {M}', "Don't Lose the {N}", '{N} & {M}', 'Hey, {P}!', 'Back to {P}',
      'The {A} Ones', '{A} {N} (Reprise)', 'Who Needs {N}?', 'Where the {N} Are {A}', '{N}, {N}, {N}',
      'Call It {A}', "I'm Not Your {N}", '{A}er Than {N}', 'Nights in {P}', '{N} of the {A} {M}',
      'Say My Name, {P}',
    ],
    adjectives: [
      'Golden', 'Silent', 'Electric', 'Broken', 'Velvet', 'Midnight', 'Neon', 'Paper', 'Crystal', 'Wild',
      'Lonely', 'Bright', 'Hollow', 'Endless', 'Secret', 'Summer', 'Winter', 'Burning', 'Falling', 'Distant',
      'Quiet', 'Lucky', 'Heavy', 'Gentle', 'Restless', 'Sweet', 'Cold', 'Blue', 'Young', 'Strange',
    ],
    nouns: [
      'Hearts', 'City', 'River', 'Lights', 'Dreams', 'Fire', 'Ocean', 'Skyline', 'Garden', 'Highway',
      'Shadows', 'Echoes', 'Roses', 'Thunder', 'Stars', 'Waves', 'Mirrors', 'Horizon', 'Rain', 'Satellite',
      'Letters', 'Summer', 'Ghosts', 'Wires', 'Coastline', 'Radio', 'Diamonds', 'Window', 'Morning',
      'Heartbeat',
    ],
    places: [
      'Brooklyn', 'Brighton', 'Lisbon', 'Tokyo', 'Memphis', 'Berlin', 'California', 'Toronto', 'Melbourne',
    ],
  },
  fr: {
    patterns: [
      '{N} {A}', 'Les {N}s de {P}', 'Sous le ciel de {P}', "L'été à {P}", 'Je t’attendrai à {P}', 'Mon {N}',
      'Où est mon {N} ?', 'Chanson pour {P}', 'Rêverie {A}', 'Déjà {A}', 'Ça va, {P} ?', '{N} et {M}',
      "Fin d'{N}", 'Le {M} {A}', 'Café {A}', 'Un {N} à {P}',
    ],
    adjectives: [
      'bleu', 'perdu', 'doré', 'léger', 'éternel', 'fragile', 'sauvage', 'tendre', 'lointain', 'secret',
      'brûlant', 'étrange', 'pâle', 'fidèle', 'immobile',
    ],
    nouns: [
      'cœur', 'été', 'hiver', 'amour', 'silence', 'boulevard', 'rivage', 'soleil', 'orage', 'refrain',
      'sourire', 'regard', 'matin', 'voyage', 'secret',
    ],
    places: [
      'Paris', 'Lyon', 'Marseille', 'Biarritz', 'Montréal', 'Bruxelles', 'Genève', 'Nantes', 'Saint-Malo',
    ],
  },
  es: {
    patterns: [
      '{N} {A}', 'Canción de {P}', 'Noches en {P}', '¿Dónde Está el {N}?', 'Mi {N}', '{N} y {M}',
      'Bailando en {P}', 'Amor {A}', 'Sin {N}', 'La {M} {A}',
    ],
    adjectives: [
      'Perdido', 'Dorado', 'Salvaje', 'Eterno', 'Lejano', 'Dulce', 'Azul', 'Nuevo', 'Roto', 'Brillante',
    ],
    nouns: [
      'Corazón', 'Mar', 'Sol', 'Verano', 'Fuego', 'Camino', 'Cielo', 'Silencio', 'Sueño', 'Ritmo', 'Luna',
    ],
    places: ['Madrid', 'Sevilla', 'Barcelona', 'Valencia', 'Málaga', 'Cádiz', 'Bogotá', 'México'],
  },
  nordic: {
    patterns: [
      '{A} {N}', '{N} over {P}', 'Nätter i {P}', 'Tilbage til {P}', '{N} (Akustisk)', 'Å, {N}', '{N} & {M}',
      'Sommer i {P}', 'Kald {N}', 'Lys over {P}',
    ],
    adjectives: ['Stille', 'Blå', 'Kold', 'Lys', 'Mørk', 'Vild', 'Lang', 'Sen', 'Hvid', 'Gylden'],
    nouns: [
      'Nat', 'Hav', 'Vinter', 'Sommer', 'Fjord', 'Himmel', 'Stjerne', 'Storm', 'Morgen', 'Hjerte', 'Vind',
    ],
    places: ['Bergen', 'Göteborg', 'Aarhus', 'Oslo', 'Tromsø', 'Malmö', 'Helsinki', 'Skagen'],
  },
};

export const ALBUM_TITLE_PATTERNS: Readonly<Record<TitleLanguage, readonly string[]>> = {
  en: ['{A} {N}', 'The {N} Sessions', '{N}', 'After the {N}', '{A}'],
  fr: ['{N} {A}', 'Les {N}s', '{N}', '{N} de {P}', 'Rue {A}'],
  es: ['{N} {A}', '{N}', 'Entre el {N} y el {M}', 'Tierra {A}'],
  nordic: ['{A} {N}', '{N}', 'Mellem {N} og {M}', 'Nord'],
};

export const LIVE_VENUES: readonly string[] = [
  "L'Olympia",
  'Royal Albert Hall',
  'Red Rocks',
  'Paradiso',
  'Oslo Spektrum',
  'the Fillmore',
];
