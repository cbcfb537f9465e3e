import { ConfigError } from './config.error';

export const API_ROLES = ['reader', 'operator', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface ApiKey {
  role: ApiRole;
  key: string;
}

const KEY_PATTERN = /^[A-Za-z0-9._~+/=-]{16,256}$/;

/** Parses `role:key,role:key`. Errors name the entry by position, never by its key. */
export function parseApiKeys(raw: string | undefined): ApiKey[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry, index) => {
    const position = `entry ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator < 0) throw new ConfigError('API_KEYS', `${position} is not of the form role:key`);
    const role = entry.slice(0, separator).trim();
    const key = entry.slice(separator + 1).trim();
    if (!(API_ROLES as readonly string[]).includes(role)) {
      throw new ConfigError(
        'API_KEYS',
        `${position} has unknown role "${role}" (expected ${API_ROLES.join(', ')})`,
      );
    }
    if (!KEY_PATTERN.test(key)) {
      throw new ConfigError('API_KEYS', `${position} has a key that is not 16-256 URL-safe characters`);
    }
    return { role: role as ApiRole, key };
  });
}
