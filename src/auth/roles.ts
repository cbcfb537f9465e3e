import { SetMetadata } from '@nestjs/common';
import { ApiRole } from 'src/config';

const RANK: Record<ApiRole, number> = { reader: 1, operator: 2, admin: 3 };

export const hasRole = (actual: ApiRole | undefined, required: ApiRole): boolean =>
  actual !== undefined && RANK[actual] >= RANK[required];

export const REQUIRED_ROLE = 'soundgraph:required-role';
export const PUBLIC_ROUTE = 'soundgraph:public';

/** The least role that may call this resolver or route. Mutations without it need `admin` (deny by default). */
export const RequireRole = (role: ApiRole) => SetMetadata(REQUIRED_ROLE, role);

/** Open to anyone, key or not (health, metrics). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
