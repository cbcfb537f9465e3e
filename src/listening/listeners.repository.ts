import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ListenerEntity } from './entities/listener.entity';
import { ListeningOAuthStateEntity } from './entities/listening-oauth-state.entity';

const LISTENER_COLUMNS = `id, spotify_user_id AS "spotifyUserId", display_name AS "displayName",
  time_zone AS "timeZone", refresh_token_sealed AS "refreshTokenSealed", token_scope AS "tokenScope",
  authorized_at AS "authorizedAt", needs_reauth AS "needsReauth", reauth_reason AS "reauthReason",
  disconnected_at AS "disconnectedAt", poll_cursor_ms AS "pollCursorMs", last_polled_at AS "lastPolledAt",
  last_poll_error AS "lastPollError", created_at AS "createdAt", updated_at AS "updatedAt"`;

export interface ConnectedListener {
  id: string;
  spotifyUserId: string;
  displayName: string | null;
  /** Null keeps the zone of a returning listener. */
  timeZone: string | null;
  defaultTimeZone: string;
  refreshTokenSealed: Buffer;
  tokenScope: string | null;
}

/** All SQL on listeners and their pending OAuth states. */
@Injectable()
export class ListenersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byIds(ids: readonly string[]): Promise<ListenerEntity[]> {
    return this.dataSource.query(`SELECT ${LISTENER_COLUMNS} FROM listener WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  async byId(id: string): Promise<ListenerEntity | null> {
    return (await this.byIds([id]))[0] ?? null;
  }

  async bySpotifyUserId(spotifyUserId: string): Promise<ListenerEntity | null> {
    const rows = await this.dataSource.query<ListenerEntity[]>(
      `SELECT ${LISTENER_COLUMNS} FROM listener WHERE spotify_user_id = $1`,
      [spotifyUserId],
    );
    return rows[0] ?? null;
  }

  list(): Promise<ListenerEntity[]> {
    return this.dataSource.query(`SELECT ${LISTENER_COLUMNS} FROM listener ORDER BY created_at, id`);
  }

  /** Listeners the schedule polls: a refresh token that Spotify has not refused. */
  pollable(ids?: readonly string[]): Promise<ListenerEntity[]> {
    return this.dataSource.query(
      `SELECT ${LISTENER_COLUMNS} FROM listener
       WHERE refresh_token_sealed IS NOT NULL AND NOT needs_reauth AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
       ORDER BY created_at, id`,
      [ids ?? null],
    );
  }

  /** A listener known only from exports (no Spotify connection). */
  async insert(listener: {
    spotifyUserId: string | null;
    displayName: string | null;
    timeZone: string;
  }): Promise<ListenerEntity> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO listener (spotify_user_id, display_name, time_zone) VALUES ($1, $2, $3) RETURNING id`,
      [listener.spotifyUserId, listener.displayName, listener.timeZone],
    );
    return (await this.byId(rows[0].id))!;
  }

  /**
   * Creates the listener or reconnects it (same Spotify user): a new token, polling again. Returns the id the row
   * has, which differs from `listener.id` when another callback created the same user meanwhile (the token, sealed
   * for `listener.id`, must then be sealed again by the caller).
   */
  async connect(listener: ConnectedListener): Promise<string> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO listener (id, spotify_user_id, display_name, time_zone, refresh_token_sealed, token_scope,
         authorized_at)
       VALUES ($1, $2, $3, COALESCE($4, $5), $6, $7, now())
       ON CONFLICT (spotify_user_id) DO UPDATE SET
         display_name = COALESCE(EXCLUDED.display_name, listener.display_name),
         time_zone = COALESCE($4, listener.time_zone),
         refresh_token_sealed = EXCLUDED.refresh_token_sealed,
         token_scope = EXCLUDED.token_scope,
         authorized_at = now(), needs_reauth = false, reauth_reason = NULL, disconnected_at = NULL,
         last_poll_error = NULL, updated_at = now()
       RETURNING id`,
      [
        listener.id,
        listener.spotifyUserId,
        listener.displayName,
        listener.timeZone,
        listener.defaultTimeZone,
        listener.refreshTokenSealed,
        listener.tokenScope,
      ],
    );
    return rows[0].id;
  }

  async storeRefreshToken(id: string, sealed: Buffer): Promise<void> {
    await this.dataSource.query(
      `UPDATE listener SET refresh_token_sealed = $2, updated_at = now() WHERE id = $1`,
      [id, sealed],
    );
  }

  async markNeedsReauth(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE listener SET needs_reauth = true, reauth_reason = $2, last_poll_error = $2, updated_at = now()
       WHERE id = $1`,
      [id, reason],
    );
  }

  async recordPoll(id: string, outcome: { cursorMs?: number; error: string | null }): Promise<void> {
    await this.dataSource.query(
      `UPDATE listener SET last_polled_at = now(), last_poll_error = $3,
         poll_cursor_ms = GREATEST(poll_cursor_ms, $2::bigint), updated_at = now()
       WHERE id = $1`,
      [id, outcome.cursorMs ?? null, outcome.error],
    );
  }

  /** Forgets the token; the history stays. Returns false when there is no such listener. */
  async disconnect(id: string): Promise<boolean> {
    // TypeORM answers UPDATE and DELETE with [rows, affected]
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE listener SET refresh_token_sealed = NULL, token_scope = NULL, needs_reauth = false,
         reauth_reason = NULL, disconnected_at = now(), updated_at = now()
       WHERE id = $1 RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Whether the zone changed; null when there is no such listener. */
  async setTimeZone(id: string, timeZone: string): Promise<boolean | null> {
    const [rows] = await this.dataSource.query<[{ changed: boolean }[], number]>(
      `WITH old AS (SELECT id, time_zone FROM listener WHERE id = $1 FOR UPDATE)
       UPDATE listener l SET time_zone = $2, updated_at = now() FROM old WHERE l.id = old.id
       RETURNING old.time_zone IS DISTINCT FROM $2 AS changed`,
      [id, timeZone],
    );
    return rows[0]?.changed ?? null;
  }

  /** Records a pending authorization and drops expired ones. */
  async insertState(state: {
    stateHash: string;
    timeZone: string | null;
    displayName: string | null;
    expiresAt: Date;
  }): Promise<void> {
    await this.dataSource.query(`DELETE FROM listening_oauth_state WHERE expires_at < now()`);
    await this.dataSource.query(
      `INSERT INTO listening_oauth_state (state_hash, time_zone, display_name, expires_at) VALUES ($1, $2, $3, $4)`,
      [state.stateHash, state.timeZone, state.displayName, state.expiresAt],
    );
  }

  /** Removes the state (single use) and returns it when it was still valid. */
  async consumeState(stateHash: string): Promise<ListeningOAuthStateEntity | null> {
    const [rows] = await this.dataSource.query<[(ListeningOAuthStateEntity & { valid: boolean })[], number]>(
      `DELETE FROM listening_oauth_state WHERE state_hash = $1
       RETURNING state_hash AS "stateHash", time_zone AS "timeZone", display_name AS "displayName",
         expires_at AS "expiresAt", created_at AS "createdAt", expires_at > now() AS valid`,
      [stateHash],
    );
    const row = rows[0];
    return row?.valid ? row : null;
  }
}
