import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HealthService } from './health.service';
import { MetricsService } from './metrics.service';
import { ObservabilityController } from './observability.controller';
import { RequestLoggingMiddleware } from './request-logging.middleware';

@Global()
@Module({
  controllers: [ObservabilityController],
  providers: [HealthService, MetricsService],
  exports: [MetricsService, HealthService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes('*path');
  }
}
