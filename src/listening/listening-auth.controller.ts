import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiKeyService } from 'src/auth/api-key.service';
import { Public } from 'src/auth/roles';
import { ListeningAuthService } from './listening-auth.service';
import { toListenerModel } from './listening.mapper';

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * `GET /auth/spotify/login` (an operator, in a browser: `?key=<operator key>&timeZone=Europe/Paris&listener=Name`)
 * and `GET /auth/spotify/callback` (Spotify's redirect). Both bypass the global key guard: login checks the
 * operator key itself (a browser cannot send a header), the callback is protected by the single-use state.
 * A key in the query stays out of our logs (the request log keeps the path only) but not out of the browser's
 * history: the `createListenerLoginLink` mutation gives a link without one, and is the way to prefer.
 */
@Controller('auth/spotify')
@Public()
export class ListeningAuthController {
  constructor(private readonly auth: ListeningAuthService) {}

  @Get('login')
  @Header('Cache-Control', 'no-store')
  // the URL may hold the key: no Referer carries it on
  @Header('Referrer-Policy', 'no-referrer')
  async login(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>) {
    const url = await this.auth.login({
      key: one(query.key) ?? ApiKeyService.bearer(req.headers.authorization),
      timeZone: one(query.timeZone),
      name: one(query.listener),
    });
    res.redirect(302, url);
  }

  @Get('callback')
  @Header('Cache-Control', 'no-store')
  async callback(@Query() query: Record<string, unknown>) {
    const listener = await this.auth.callback({
      code: one(query.code),
      state: one(query.state),
      error: one(query.error),
    });
    return {
      message: `Spotify user ${listener.spotifyUserId} is connected; recently played is polled from now on.`,
      listener: toListenerModel(listener),
    };
  }
}
