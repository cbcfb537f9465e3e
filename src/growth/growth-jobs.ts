/** Recomputes growth metrics from snapshots (payload `{ spotifyIds? }`; default: every tracked artist). */
export const COMPUTE_GROWTH_JOB = 'growth.compute';
