import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import { ForbiddenError, UnauthenticatedError } from 'src/common/domain-errors';
import { AppConfig, ApiRole } from 'src/config';
import { ApiKeyService } from './api-key.service';
import { hasRole, PUBLIC_ROUTE, REQUIRED_ROLE } from './roles';

export interface AuthenticatedRequest extends Request {
  apiRole?: ApiRole;
}

/**
 * The global guard. Queries are open when PUBLIC_READS=true and need `reader` otherwise; mutations need the role
 * their resolver declares, and `admin` when it declares none; HTTP routes need `reader` unless marked public.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const declared = this.reflector.getAllAndOverride<ApiRole | undefined>(REQUIRED_ROLE, targets);

    let request: AuthenticatedRequest;
    let required: ApiRole | 'public';
    if (context.getType<GqlContextType>() === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      request = gql.getContext<{ req: AuthenticatedRequest }>().req;
      const operation = gql.getInfo<GraphQLResolveInfo>().operation.operation;
      if (operation === OperationTypeNode.MUTATION) required = declared ?? 'admin';
      else required = declared ?? (this.config.publicReads ? 'public' : 'reader');
    } else {
      request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      required = declared ?? 'reader';
    }

    const role = this.authenticate(request);
    if (required === 'public') return true;
    if (role === undefined) throw new UnauthenticatedError();
    if (!hasRole(role, required)) throw new ForbiddenError(required);
    return true;
  }

  /** A presented key that matches nothing is rejected even on public operations: it is a client bug. */
  private authenticate(request: AuthenticatedRequest): ApiRole | undefined {
    if (request.apiRole) return request.apiRole;
    const presented = ApiKeyService.bearer(request.headers.authorization);
    if (presented === undefined) return undefined;
    const role = this.keys.roleFor(presented);
    if (role === undefined) throw new UnauthenticatedError('the API key is not valid');
    request.apiRole = role;
    return role;
  }
}
