import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from 'src/common/logger';
import { HealthService } from './health.service';
import { MetricsService } from './metrics.service';
import { ObservabilityController } from './observability.controller';
import { RequestContextMiddleware } from './request-context.middleware';

@Global()
@Module({
  // JSON request logs with request ids (nestjs-pino over pino-http, on the process-wide root logger)
  imports: [LoggerModule.forRoot(loggerParams())],
  controllers: [ObservabilityController],
  providers: [HealthService, MetricsService],
  exports: [MetricsService, HealthService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
