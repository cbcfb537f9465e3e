export { AppConfig, loadConfig } from './app-config';
export type { Role, SpotifyApiMode, LogLevel } from './app-config';
export { ConfigError } from './config.error';
export { ConfigModule } from './config.module';
export { parseApiKeys, API_ROLES } from './api-keys';
export type { ApiKey, ApiRole } from './api-keys';
