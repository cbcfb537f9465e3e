import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { BadUserInputError, NotFoundError } from 'src/common/domain-errors';
import { assertUuid } from 'src/common/uuid';
import { AppConfig } from 'src/config';
import { MusicService } from 'src/music';
import { AudienceRepository } from './audience.repository';
import { addDays, isDay } from './client/soundcharts-dates';
import { MetadataRepository } from './metadata.repository';
import type { AudienceEntityType } from './soundcharts.constants';

export interface AudienceExportRequest {
  entityType: AudienceEntityType;
  ids: string[];
  platforms: string[];
  from?: string | null;
  to?: string | null;
}

export interface AudienceExportResult {
  fileName: string;
  filePath: string;
  downloadPath: string;
  sheets: string[];
  entities: number;
}

export const MAX_EXPORT_ENTITIES = 1000;
/** Days read per query while a sheet is written: memory stays bounded whatever the range. */
const DAYS_PER_PAGE = 120;
const PLATFORM = /^[a-z0-9-]{1,40}$/;

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
export const sheetName = (platform: string, metric: string): string =>
  `${platform}-${metric}`.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);

function uniqueHeaders(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

function stamp(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}_${iso.slice(11, 19).replace(/:/g, '')}`;
}

/**
 * Audience as an .xlsx under DATA_DIR/exports: one sheet per platform and metric, a date column and one column per
 * entity (in the order asked), streamed row by row (exceljs' streaming writer) so memory does not grow with the
 * range. Written under a temporary name and renamed, so a half-written file is never served.
 */
@Injectable()
export class AudienceExporter {
  constructor(
    private readonly config: AppConfig,
    private readonly audience: AudienceRepository,
    private readonly metadata: MetadataRepository,
    private readonly music: MusicService,
  ) {}

  async export(request: AudienceExportRequest): Promise<AudienceExportResult> {
    const ids = [...new Set(request.ids.map((id, i) => assertUuid(id, `ids[${i}]`)))];
    if (ids.length === 0 || ids.length > MAX_EXPORT_ENTITIES)
      throw new BadUserInputError('ids', `give 1..${MAX_EXPORT_ENTITIES} ids`);
    const platforms = [...new Set(request.platforms.map((p) => p.trim().toLowerCase()))];
    const bad = platforms.find((p) => !PLATFORM.test(p));
    if (bad !== undefined) throw new BadUserInputError('platforms', `"${bad}" is not a platform code`);
    for (const [field, day] of [
      ['from', request.from],
      ['to', request.to],
    ] as const)
      if (day && !isDay(day)) throw new BadUserInputError(field, 'must be a YYYY-MM-DD date');
    if (request.from && request.to && request.from > request.to)
      throw new BadUserInputError('from', 'must not be after to');

    const names = await this.names(request.entityType, ids);
    const series = await this.audience.seriesOf(request.entityType, ids, platforms);
    if (series.length === 0)
      throw new BadUserInputError(
        'platforms',
        `no audience is stored for these ${request.entityType}s on ${platforms.join(', ')}`,
      );

    fs.mkdirSync(this.config.exportsDir, { recursive: true });
    const fileName = `audience_${request.entityType}_${stamp(new Date())}_${randomBytes(3).toString('hex')}.xlsx`;
    const filePath = path.join(this.config.exportsDir, fileName);
    const partial = `${filePath}.part`;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useStyles: true });
    const headers = uniqueHeaders(ids.map((id) => names.get(id) ?? id));
    const sheets: string[] = [];
    try {
      for (const { platform, metric } of series) {
        const name = sheetName(platform, metric);
        sheets.push(name);
        const sheet = workbook.addWorksheet(name);
        sheet.columns = [
          { header: 'date', key: 'date', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
          ...headers.map((header, i) => ({ header, key: `e${i}`, width: Math.min(40, header.length + 4) })),
        ];
        await this.writeRows(sheet, request, ids, platform, metric);
        sheet.commit();
      }
      await workbook.commit();
      fs.renameSync(partial, filePath);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw error;
    }
    return { fileName, filePath, downloadPath: `/exports/${fileName}`, sheets, entities: ids.length };
  }

  private async writeRows(
    sheet: ExcelJS.Worksheet,
    request: AudienceExportRequest,
    ids: readonly string[],
    platform: string,
    metric: string,
  ): Promise<void> {
    const range = await this.audience.dayRange(request.entityType, ids, platform, metric);
    if (!range) return;
    const first = request.from && request.from > range.first ? request.from : range.first;
    const last = request.to && request.to < range.last ? request.to : range.last;
    const column = new Map(ids.map((id, i) => [id, i + 1]));
    for (let from = first; from <= last; from = addDays(from, DAYS_PER_PAGE)) {
      const to = addDays(from, DAYS_PER_PAGE - 1) < last ? addDays(from, DAYS_PER_PAGE - 1) : last;
      const rows = await this.audience.sheetRows(request.entityType, ids, platform, metric, from, to);
      let current: { day: string; values: (Date | number | null)[] } | undefined;
      const flush = () => {
        if (current) sheet.addRow(current.values).commit();
      };
      for (const row of rows) {
        if (current?.day !== row.day) {
          flush();
          current = { day: row.day, values: [new Date(`${row.day}T00:00:00Z`), ...ids.map(() => null)] };
        }
        current.values[column.get(row.entity_id)!] = row.value;
      }
      flush();
    }
  }

  private async names(entityType: AudienceEntityType, ids: string[]): Promise<Map<string, string>> {
    if (entityType === 'artist') return this.metadata.artistNames(ids);
    const tracks = await this.music.tracksByIds(ids);
    const missing = ids.find((_, i) => tracks[i] === null);
    if (missing) throw new NotFoundError('Track', missing);
    return new Map(tracks.map((t) => [t!.id, t!.name]));
  }
}
