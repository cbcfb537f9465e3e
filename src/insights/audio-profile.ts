import type { AudioProfile, KeyCount } from './insights.types';

/** The audio features the profile averages (Spotify's names). */
export interface AudioFeaturesLike {
  danceability: number;
  energy: number;
  valence: number;
  tempo: number;
  acousticness: number;
  speechiness: number;
  /** Pitch class 0 (C) .. 11 (B); -1 when Spotify detected no key. */
  key: number;
}

const PITCH_CLASSES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

const mean = (values: number[], digits: number) => {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const f = 10 ** digits;
  return Math.round(m * f) / f;
};

/** Means of the tracks' features (tempo to 0.1 BPM, the rest to 0.001) and how often each key occurs; null for none. */
export function audioProfile(features: readonly AudioFeaturesLike[]): AudioProfile | null {
  if (features.length === 0) return null;
  const counts = new Map<string, number>();
  for (const f of features) {
    const key = PITCH_CLASSES[f.key] ?? 'unknown';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = (key: string) => (key === 'unknown' ? PITCH_CLASSES.length : PITCH_CLASSES.indexOf(key));
  const keys: KeyCount[] = [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || order(a.key) - order(b.key));
  return {
    tracks: features.length,
    danceability: mean(
      features.map((f) => f.danceability),
      3,
    ),
    energy: mean(
      features.map((f) => f.energy),
      3,
    ),
    valence: mean(
      features.map((f) => f.valence),
      3,
    ),
    tempo: mean(
      features.map((f) => f.tempo),
      1,
    ),
    acousticness: mean(
      features.map((f) => f.acousticness),
      3,
    ),
    speechiness: mean(
      features.map((f) => f.speechiness),
      3,
    ),
    keys,
  };
}
