import { Injectable } from '@nestjs/common';
import { JobDefinition } from './job-definition';

// The registry stores definitions of every payload type; the worker hands each handler the payload it enqueued.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJobDefinition = JobDefinition<any, unknown, any>;

export type ResolvedJobDefinition = Required<Omit<AnyJobDefinition, 'handle' | 'concurrency' | 'singleton'>> &
  Pick<AnyJobDefinition, 'handle' | 'concurrency' | 'singleton'>;

type Listener = (definition: ResolvedJobDefinition) => void;

/** Every job kind this process knows. Feature modules register theirs in `onModuleInit`. */
@Injectable()
export class JobRegistry {
  private readonly definitions = new Map<string, ResolvedJobDefinition>();
  private readonly listeners: Listener[] = [];

  register<P, R, C>(definition: JobDefinition<P, R, C>): void {
    if (this.definitions.has(definition.kind))
      throw new Error(`job kind ${definition.kind} is registered twice`);
    const resolved: ResolvedJobDefinition = {
      retryLimit: 3,
      retryDelaySeconds: 5,
      expireInSeconds: 3600,
      ...(definition as AnyJobDefinition),
    };
    this.definitions.set(definition.kind, resolved);
    for (const listener of this.listeners) listener(resolved);
  }

  get(kind: string): ResolvedJobDefinition | undefined {
    return this.definitions.get(kind);
  }

  all(): ResolvedJobDefinition[] {
    return [...this.definitions.values()];
  }

  /** Calls `listener` for every definition, now and as they are registered. */
  onDefinition(listener: Listener): void {
    this.listeners.push(listener);
    for (const definition of this.definitions.values()) listener(definition);
  }
}
