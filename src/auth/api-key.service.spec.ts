import { loadConfig } from 'src/config';
import { ApiKeyService } from './api-key.service';
import { hasRole } from './roles';

describe('ApiKeyService', () => {
  const service = new ApiKeyService(
    loadConfig({ API_KEYS: 'reader:reader-key-0123456789,operator:operator-key-012345678' }),
  );

  it('maps each key to its role and unknown keys to nothing', () => {
    expect(service.roleFor('reader-key-0123456789')).toBe('reader');
    expect(service.roleFor('operator-key-012345678')).toBe('operator');
    expect(service.roleFor('operator-key-01234567')).toBeUndefined();
    expect(service.roleFor('')).toBeUndefined();
  });

  it('reads only well-formed bearer headers', () => {
    expect(ApiKeyService.bearer('Bearer abc')).toBe('abc');
    expect(ApiKeyService.bearer('bearer abc ')).toBe('abc');
    expect(ApiKeyService.bearer('Basic abc')).toBeUndefined();
    expect(ApiKeyService.bearer(undefined)).toBeUndefined();
  });

  it('orders roles reader < operator < admin', () => {
    expect(hasRole('admin', 'operator')).toBe(true);
    expect(hasRole('operator', 'operator')).toBe(true);
    expect(hasRole('reader', 'operator')).toBe(false);
    expect(hasRole(undefined, 'reader')).toBe(false);
  });
});
