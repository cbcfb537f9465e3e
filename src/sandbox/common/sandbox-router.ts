// Minimal method + path router with `:param` segments; distinguishes "no such path" (404) from "wrong method" (405).
// Generic over the result type so a provider can return extra, never-sent fields (Soundcharts' `free`).
import type { EmulatorRequest, HandlerResult } from './sandbox-http';

export type RouteParams = Readonly<Record<string, string>>;
export type RouteHandler<R extends HandlerResult = HandlerResult> = (
  req: EmulatorRequest,
  params: RouteParams,
) => R | Promise<R>;

interface Route<R extends HandlerResult> {
  readonly method: string;
  readonly pattern: RegExp;
  readonly keys: readonly string[];
  readonly handler: RouteHandler<R>;
}

export type RouteMatch<R extends HandlerResult = HandlerResult> =
  | { readonly kind: 'found'; readonly handler: RouteHandler<R>; readonly params: RouteParams }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'not-found' };

/** A malformed escape stays as sent, so it fails id validation (400) instead of crashing the handler. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class SandboxRouter<R extends HandlerResult = HandlerResult> {
  private readonly routes: Route<R>[] = [];

  on(method: string, path: string, handler: RouteHandler<R>): this {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  get(path: string, handler: RouteHandler<R>): this {
    return this.on('GET', path, handler);
  }

  match(method: string, pathname: string): RouteMatch<R> {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = safeDecode(m[i + 1])));
      return { kind: 'found', handler: route.handler, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}
