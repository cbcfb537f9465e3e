import { PermanentJobError } from 'src/jobs';

/**
 * The counts a run reports must add up: a mismatch means rows were lost or counted twice, so the run fails loudly
 * (permanently: running it again would not make the numbers agree) instead of reporting success.
 */
export function checkFetchCounts(report: { requested: number; fetched: number; unknownIds: number }): void {
  if (report.requested !== report.fetched + report.unknownIds) {
    throw new PermanentJobError(
      `counts do not add up: requested ${report.requested} ≠ fetched ${report.fetched} + unknown ${report.unknownIds}`,
    );
  }
}

/** Every row of a file applied so far is updated, unchanged, missing (no such track) or empty (no value). */
export function checkApplyCounts(counts: {
  rows: number;
  updated: number;
  unchanged: number;
  missing: number;
  empty: number;
}): void {
  if (counts.updated + counts.unchanged + counts.missing + counts.empty !== counts.rows) {
    throw new PermanentJobError(`counts do not add up after ${counts.rows} rows: ${JSON.stringify(counts)}`);
  }
}

/** A run's file holds one row per track it requested. */
export function checkFileRows(rows: number, requested: number): void {
  if (rows !== requested) {
    throw new PermanentJobError(
      `counts do not add up: the file has ${rows} rows for ${requested} tracks requested`,
    );
  }
}

/** Every artist fetched is applied: updated, unchanged or missing (deleted meanwhile). */
export function checkArtistApplyCounts(report: {
  fetched: number;
  updated?: number;
  unchanged?: number;
  missing?: number;
}): void {
  const applied = (report.updated ?? 0) + (report.unchanged ?? 0) + (report.missing ?? 0);
  if (applied !== report.fetched) {
    throw new PermanentJobError(
      `counts do not add up: applied ${applied} ≠ fetched ${report.fetched} (${JSON.stringify(report)})`,
    );
  }
}
