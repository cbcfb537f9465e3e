import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { BadUserInputError } from './domain-errors';

export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class PaginationArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = 50;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  after?: string;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Keyset cursor over (created_at, id): stable under inserts, opaque to clients. The timestamp travels as exact
 * microseconds since the epoch, because PostgreSQL keeps microseconds and a JavaScript Date only milliseconds: a
 * millisecond cursor would return the same row again.
 */
export interface KeysetCursor {
  micros: string;
  id: string;
}

/** SQL for a row's cursor timestamp: select it `AS "cursorMicros"` next to the row. */
export const cursorMicrosSql = (alias: string): string =>
  `(extract(epoch from ${alias}.created_at) * 1000000)::bigint::text`;

/** SQL comparing a row's (created_at, id) with a cursor passed as two parameters ($micros, $id). */
export const keysetSql = (alias: string, op: '>' | '<', microsParam: string, idParam: string): string =>
  `(${alias}.created_at, ${alias}.id) ${op} (timestamptz 'epoch' + ${microsParam}::bigint * interval '1 microsecond', ${idParam}::uuid)`;

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.micros}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | undefined, field = 'after'): KeysetCursor | undefined {
  if (raw === undefined) return undefined;
  const [micros, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!micros || !/^\d{1,20}$/.test(micros) || !id || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadUserInputError(field, 'is not a valid cursor');
  }
  return { micros, id };
}

/** Builds a connection from `first + 1` rows fetched in order; `toNode` maps each row, `cursorOf` reads its key. */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  totalCount: number,
  cursorOf: (row: R) => KeysetCursor,
  toNode: (row: R) => T,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ node: toNode(row), cursor: encodeCursor(cursorOf(row)) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** GraphQL connection types for a node type: `XConnection { edges { node cursor } pageInfo totalCount }`. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => node) node!: T;
    @Field() cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType]) edges!: Edge<T>[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return ConnectionClass;
}
