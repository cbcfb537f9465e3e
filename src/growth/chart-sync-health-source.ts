/**
 * Chart sync health (Soundcharts) for the dashboard. A token, so the dashboard depends on the capability rather
 * than on the module; absent, the dashboard has no chart section.
 */
export const CHART_SYNC_HEALTH = Symbol('CHART_SYNC_HEALTH');

export interface ChartSyncHealthView {
  chart: { slug: string; name?: string | null };
  health: {
    /** HEALTHY, DEGRADED, FAILING or NEVER_SYNCED. */
    status: string;
    lastSyncAt: Date | null;
    lastSuccessAt: Date | null;
    /** 0..1; null without runs. */
    successRate: number | null;
    lastError: string | null;
  };
}

export interface ChartSyncHealthSource {
  /** Sync health of every chart. */
  health(): Promise<ChartSyncHealthView[]>;
}
