export { SoundchartsModule } from './soundcharts.module';
export { SoundchartsService } from './soundcharts.service';
export type { LatestAudience, SoundchartsStatusView } from './soundcharts.service';
export { SoundchartsClock } from './soundcharts.clock';
export { CASCADE_JOB, CASCADE_STEP_JOB, CHART_SYNC_JOB } from './soundcharts.constants';
export type { AudienceEntityType, CascadeStep } from './soundcharts.constants';
export { SoundchartsCapabilitiesModule } from './soundcharts-capabilities.module';
