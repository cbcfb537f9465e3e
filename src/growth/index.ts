// Public face of the growth module: what other modules may import.
export { GrowthModule } from './growth.module';
export { GrowthService } from './growth.service';
export type { RecomputeReport, DayRange } from './growth.service';
export { DashboardService } from './dashboard.service';
export type { DashboardView } from './dashboard.types';
export { renderDashboard, renderQuick } from './dashboard-render';
export { COMPUTE_GROWTH_JOB } from './growth-jobs';
export { CHART_SYNC_HEALTH } from './chart-sync-health-source';
export type { ChartSyncHealthSource, ChartSyncHealthView } from './chart-sync-health-source';
export { VISIBILITY_FORMULA_VERSION, visibilityScore } from './visibility-score';
export type { GrowthMetric } from './growth-metrics';
