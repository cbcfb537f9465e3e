import { audioProfile, AudioFeaturesLike } from './audio-profile';

const f = (over: Partial<AudioFeaturesLike>): AudioFeaturesLike => ({
  danceability: 0.5,
  energy: 0.5,
  valence: 0.5,
  tempo: 120,
  acousticness: 0.5,
  speechiness: 0.05,
  key: 0,
  ...over,
});

describe('audioProfile', () => {
  it('averages each feature and counts keys, most frequent first', () => {
    const profile = audioProfile([
      f({ danceability: 0.8, energy: 0.9, valence: 0.2, tempo: 128, key: 7 }),
      f({ danceability: 0.6, energy: 0.3, valence: 0.4, tempo: 100.5, key: 0 }),
      f({ danceability: 0.4, energy: 0.6, valence: 0.9, tempo: 90, key: 7, acousticness: 0.2 }),
      f({ key: -1 }),
    ]);
    expect(profile).toEqual({
      tracks: 4,
      danceability: 0.575,
      energy: 0.575,
      valence: 0.5,
      tempo: 109.6,
      acousticness: 0.425,
      speechiness: 0.05,
      keys: [
        { key: 'G', count: 2 },
        { key: 'C', count: 1 },
        { key: 'unknown', count: 1 },
      ],
    });
  });

  it('is null without features (nothing to average is not an average of 0)', () => {
    expect(audioProfile([])).toBeNull();
  });
});
