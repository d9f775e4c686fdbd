import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import { OfficeScopePlugin } from '../core/office-scope.js';
import type { OfficeSettingsView } from '../core/office-settings.js';
import type { Outbox } from '../core/outbox-port.js';
import { remindUnit } from '../officials/remind-unit.service.js';
import type { Translate } from '../core/translate.js';
import { buildCsv } from '../exports/exports.csv.js';
import { exportFileName } from '../exports/exports.names.js';
import { loadExport } from '../exports/exports.service.js';
import { findCampaignWithPeriod } from '../results-report/results-report.data.js';
import { buildCampaignReport, hasReportDetails } from '../results-report/results-report.service.js';
import { downloadTelegramFile, type FileSource } from '../telegram/telegram-file.js';
import type { Viewer } from './dashboard.auth.js';
import { type DashboardDeps, type ReportFile, serveDashboard } from './dashboard.http.js';
import { buildDashboardPage } from './dashboard.page.js';

/** Handles /dashboard requests; false for any other path. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface DashboardWiring {
  /** The app's database handle; the dashboard scopes it by office itself (OfficeScopePlugin). */
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** The offices' settings (the results report's details); read inside the request's office. */
  office: OfficeSettingsView;
  texts: (locale: string) => Translate;
  getFile: FileSource['getFile'];
  outbox: Outbox;
}

/**
 * The dashboard as the app wires it: the page bundled once, the API over the slices' services
 * (status for progress, exports and the results report for the files), report photos fetched
 * from Telegram by the server; every query scoped to the viewer's office.
 */
export async function createDashboard(o: DashboardWiring): Promise<DashboardHandler> {
  const { clock, config } = o;
  const db = o.db.withPlugin(new OfficeScopePlugin());
  const source: FileSource = { getFile: o.getFile, token: config.botToken, apiRoot: config.telegramApiRoot };
  const exportFile = async (viewer: Viewer, scope: { kind: 'campaign' | 'task'; id: number }, format: 'xlsx' | 'csv') => {
    const result = await loadExport(db, clock, viewer.memberId, scope);
    if (!result.ok) return null;
    const t = o.texts(viewer.locale ?? config.defaultLocale);
    const zone = config.timezone;
    const bytes = format === 'xlsx' ? await (await import('../exports/exports.xlsx.js')).buildXlsx(result.data, t, zone) : buildCsv(result.data, t, zone);
    return { bytes, fileName: exportFileName(result.data.title, result.data.generatedAt, zone, format) };
  };
  // The same service /report uses in chat; the details it prints are asked there, once per office.
  const reportFile = async (viewer: Viewer, campaignId: number): Promise<ReportFile> => {
    if (!(await findCampaignWithPeriod(db, campaignId))) return { ok: false, reason: 'not-found' };
    const details = (await o.office.ensureLoaded(db)).report;
    if (!hasReportDetails(details)) return { ok: false, reason: 'details-missing' };
    const t = o.texts(viewer.locale ?? config.defaultLocale);
    const built = await buildCampaignReport({ db, clock, config, logger: o.logger }, details, { campaignId, actorId: viewer.memberId, t, getFile: o.getFile });
    if (!built) return { ok: false, reason: 'not-found' };
    return { ok: true, bytes: built.docx, fileName: built.fileName };
  };
  const deps: DashboardDeps = {
    db,
    clock,
    botToken: config.botToken,
    page: await buildDashboardPage({ tileUrl: config.dashboardTileUrl }),
    photoBytes: (fileId) => downloadTelegramFile(source, fileId),
    exportFile,
    reportFile,
    remind: (viewer, taskId, unitId) =>
      remindUnit({ db, clock, outbox: o.outbox, zone: config.timezone, texts: o.texts, defaultLocale: config.defaultLocale }, { taskId, unitId, actorId: viewer.memberId }),
  };
  return (req, res) => serveDashboard(deps, req, res);
}
