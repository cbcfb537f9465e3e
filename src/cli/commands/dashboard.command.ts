import { Command, CommandRunner, Option } from 'nest-commander';
import { DashboardService, renderDashboard, renderQuick } from 'src/growth';
import { InsightsService } from 'src/insights';
import { assertSpotifyId } from 'src/music';

interface DashboardOptions {
  quick?: boolean;
  artist?: string;
}

@Command({
  name: 'dashboard',
  description: 'catalog, Spotify status, growth trends, top tracks and action items of each tracked artist',
})
export class DashboardCommand extends CommandRunner {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly insights: InsightsService,
  ) {
    super();
  }

  async run(_params: string[], options: DashboardOptions): Promise<void> {
    const ids = options.artist
      ? [options.artist]
      : (await this.insights.trackedArtists()).map((a) => a.spotifyId);
    if (ids.length === 0) {
      throw new Error(
        'no tracked artist: pass --artist <spotifyArtistId>, or track one (insights track <id>)',
      );
    }
    const pages: string[] = [];
    for (const id of ids) {
      const view = await this.dashboard.build(id);
      pages.push(options.quick ? renderQuick(view) : renderDashboard(view));
    }
    process.stdout.write(pages.join('\n'));
  }

  @Option({ flags: '--quick', description: 'the headline numbers only' })
  parseQuick(): boolean {
    return true;
  }

  @Option({ flags: '--artist <spotifyArtistId>', description: 'this artist only (tracked or not)' })
  parseArtist(value: string): string {
    return assertSpotifyId(value, '--artist');
  }
}
