/** One artist's snapshot for today (payload `{ spotifyId }`). */
export const COLLECT_INSIGHTS_JOB = 'insights.collect';
/** The daily tick's job: one `insights.collect` per tracked artist, once per artist and day. */
export const COLLECT_TRACKED_JOB = 'insights.collect-tracked';

/** The emulator's seeded artist, tracked at start-up when Spotify is served by the sandbox. */
export const SANDBOX_TRACKED_ARTIST = { spotifyId: '293x3NAIGPR4RCJrFkzs0P', name: 'Rue De Vivre' } as const;
