import * as fs from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from 'src/auth/roles';
import { BadUserInputError, NotFoundError } from 'src/common/domain-errors';
import { AppConfig } from 'src/config';

/** A plain file name: no directory part, no leading dot (so no `..`, no hidden or partial files). */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.jsonl': 'application/x-ndjson',
};

/** Files written under DATA_DIR/exports (audience workbooks, audit files), for operators. */
@Controller('exports')
@RequireRole('operator')
export class ExportsController {
  constructor(private readonly config: AppConfig) {}

  @Get(':file')
  download(@Param('file') file: string, @Res() res: Response): void {
    if (!FILE_NAME.test(file) || file.endsWith('.part'))
      throw new BadUserInputError('file', 'must be the name of a file in the exports directory');
    const root = path.resolve(this.config.exportsDir);
    const full = path.resolve(root, file);
    if (path.dirname(full) !== root)
      throw new BadUserInputError('file', 'must not leave the exports directory');
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(full);
    } catch {
      throw new NotFoundError('Export', file);
    }
    // lstat: a symbolic link is not served (it could point anywhere).
    if (!stat.isFile()) throw new NotFoundError('Export', file);
    res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(stat.size));
    res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
    res.setHeader('Cache-Control', 'no-store');
    fs.createReadStream(full).pipe(res);
  }
}
