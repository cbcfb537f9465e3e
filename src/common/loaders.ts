import { createParamDecorator, ExecutionContext, Global, Injectable, Module } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import DataLoader from 'dataloader';

/** Names a loader and its key/value types. */
export class LoaderKey<K, V> {
  declare readonly _types?: [K, V];
  constructor(readonly name: string) {}
}

type AnyFactory = () => DataLoader<unknown, unknown>;

/** The loaders of one GraphQL request (or one job), created on first use and dropped with it. */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  constructor(private readonly factories: ReadonlyMap<string, AnyFactory>) {}

  get<K, V>(key: LoaderKey<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key.name);
    if (!loader) {
      const factory = this.factories.get(key.name);
      if (!factory) throw new Error(`no loader registered as ${key.name}`);
      loader = factory();
      this.loaders.set(key.name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/**
 * Feature modules register loader factories here at start-up; the GraphQL context factory builds a fresh set per
 * request. Not request-scoped providers: those would re-instantiate whole provider trees per request.
 */
@Injectable()
export class LoaderRegistry {
  private readonly factories = new Map<string, AnyFactory>();

  register<K, V>(key: LoaderKey<K, V>, factory: () => DataLoader<K, V>): void {
    if (this.factories.has(key.name)) throw new Error(`loader ${key.name} is registered twice`);
    this.factories.set(key.name, factory);
  }

  forRequest(): RequestLoaders {
    return new RequestLoaders(this.factories);
  }
}

export interface GraphQLRequestContext {
  loaders: RequestLoaders;
}

/** Resolver parameter: the request's loaders. */
export const Loaders = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestLoaders =>
    GqlExecutionContext.create(context).getContext<GraphQLRequestContext>().loaders,
);

@Global()
@Module({ providers: [LoaderRegistry], exports: [LoaderRegistry] })
export class LoadersModule {}
