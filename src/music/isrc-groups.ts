/** Tracks sharing an ISRC are one recording only when their durations are at most this far apart... */
export const ISRC_MAX_DURATION_SPREAD_MS = 5000;

/**
 * ...and they credit the same artists (in any order). Otherwise the group conflicts: a labelling problem, not
 * duplicates. SQL selecting `isrc, conflict` for each ISRC that `isrcs` (a subquery) names; a group of one never
 * conflicts, and unknown durations or credits do not make one.
 */
export const isrcGroupsSql = (isrcs: string): string =>
  `SELECT g.isrc,
     COALESCE(max(g.duration_ms) - min(g.duration_ms) > ${ISRC_MAX_DURATION_SPREAD_MS}, false)
       OR count(DISTINCT (SELECT string_agg(ta.artist_id::text, ',' ORDER BY ta.artist_id)
                          FROM track_artist ta WHERE ta.track_id = g.id)) > 1 AS conflict
   FROM track g WHERE g.isrc IN (${isrcs}) GROUP BY g.isrc`;
