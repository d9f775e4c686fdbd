import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Outbox } from '../core/outbox-port.js';
import { remindUnit } from '../officials/remind-unit.service.js';
import type { Translate } from '../core/translate.js';
import { buildCsv } from '../exports/exports.csv.js';
import { exportFileName } from '../exports/exports.names.js';
import { loadExport } from '../exports/exports.service.js';
import { downloadTelegramFile, type FileSource } from '../telegram/telegram-file.js';
import type { Viewer } from './dashboard.auth.js';
import { type DashboardDeps, serveDashboard } from './dashboard.http.js';
import { buildDashboardPage } from './dashboard.page.js';

/** Handles /dashboard requests; false for any other path. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The dashboard as the app wires it: the page bundled once, the API over the slices' services
 * (status for progress, exports for the files), report photos fetched from Telegram by the server.
 */
export async function createDashboard(o: { db: Db; clock: Clock; config: Config; texts: (locale: string) => Translate; getFile: FileSource['getFile']; outbox: Outbox }): Promise<DashboardHandler> {
  const { db, clock, config } = o;
  const source: FileSource = { getFile: o.getFile, token: config.botToken, apiRoot: config.telegramApiRoot };
  const exportFile = async (viewer: Viewer, scope: { kind: 'campaign' | 'task'; id: number }, format: 'xlsx' | 'csv') => {
    const result = await loadExport(db, clock, viewer.memberId, scope);
    if (!result.ok) return null;
    const t = o.texts(viewer.locale ?? config.defaultLocale);
    const zone = config.timezone;
    const bytes = format === 'xlsx' ? await (await import('../exports/exports.xlsx.js')).buildXlsx(result.data, t, zone) : buildCsv(result.data, t, zone);
    return { bytes, fileName: exportFileName(result.data.title, result.data.generatedAt, zone, format) };
  };
  const deps: DashboardDeps = {
    db,
    clock,
    botToken: config.botToken,
    page: await buildDashboardPage({ tileUrl: config.dashboardTileUrl }),
    photoBytes: (fileId) => downloadTelegramFile(source, fileId),
    exportFile,
    remind: (viewer, taskId, unitId) =>
      remindUnit({ db, clock, outbox: o.outbox, zone: config.timezone, texts: o.texts, defaultLocale: config.defaultLocale }, { taskId, unitId, actorId: viewer.memberId }),
  };
  return (req, res) => serveDashboard(deps, req, res);
}
