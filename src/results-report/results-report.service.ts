import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { foldVietnamese } from '../core/fold.js';
import type { Logger } from '../core/logger.js';
import { clip } from '../core/text.js';
import type { OfficeSettings } from '../settings/settings.service.js';
import { type CampaignPlan, findCampaignPlan, recordReportGenerated } from '../plans/plans.service.js';
import { provinceCitation } from '../province/province.service.js';
import { loadResultsReportData, type ResultsReportData } from './results-report.data.js';
import type { ReportSettings, Translate } from './results-report.docx.js';
import { downloadTelegramFile, type FileSource } from '../telegram/telegram-file.js';

/** Telegram's limit for a caption. */
const MAX_CAPTION = 1024;

export type ReportDetails = OfficeSettings['report'];

/** Every detail the report prints is there (the first /report asks for the missing ones). */
export function hasReportDetails(d: ReportDetails, o: { parentOptional?: boolean } = {}): boolean {
  const required = [d.officeName, d.place, d.signerTitle, d.signerName, ...(o.parentOptional ? [] : [d.parentBody])];
  return required.every((v) => !!v?.trim()) && d.recipients.some((r) => r.trim());
}

/** "Kế hoạch số 104/KH-UBND ngày 03 tháng 4 năm 2023", as the imported plan wrote it; null when nothing to cite. */
export function planCitation(plan: CampaignPlan | null, t: Translate): string | null {
  if (!plan || (!plan.number && !plan.issuedText)) return null;
  const type = (plan.docType ?? t('plan-doc')).toLocaleLowerCase('vi');
  const parts = [type.charAt(0).toLocaleUpperCase('vi') + type.slice(1)];
  if (plan.number) parts.push(t('rrf-cite-number', { number: plan.number }));
  if (plan.issuedText) parts.push(plan.issuedText);
  return parts.join(' ');
}

/** The results report's file name, as chat and the dashboard give it. */
export function reportFileName(title: string, at: Date, zone: string, t: Translate): string {
  const slug = foldVietnamese(title).split(' ').slice(0, 8).join('-');
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);
  return `${t('rrf-file-prefix')}-${slug || 'dot'}-${date}.docx`;
}

function caption(data: ResultsReportData, photos: number, t: Translate): string {
  const assigned = data.tasks.reduce((n, task) => n + task.assigned, 0);
  const reported = data.tasks.reduce((n, task) => n + task.reported, 0);
  return clip(t('rrf-caption', { campaign: data.campaign.title, tasks: data.tasks.length, reported, assigned, photos }), MAX_CAPTION);
}

export interface BuiltReport {
  docx: Buffer;
  fileName: string;
  caption: string;
}

interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
}

/**
 * The campaign's results report as a DOCX, with its file name and caption: the figures from the
 * database, the office's details, the citation of the plan the campaign was imported from, and
 * the photos fetched from Telegram (one that cannot be fetched is left out; the report is still
 * made). Audit-logged. Null when the campaign does not exist.
 */
export async function buildCampaignReport(
  deps: Deps,
  details: ReportDetails,
  o: { campaignId: number; actorId: number; t: Translate; getFile: FileSource['getFile'] },
): Promise<BuiltReport | null> {
  const data = await loadResultsReportData(deps.db, o.campaignId);
  if (!data) return null;
  const plan = await findCampaignPlan(deps.db, o.campaignId);
  const settings: ReportSettings = {
    officeName: details.officeName ?? '',
    parentBody: details.parentBody ?? '',
    place: details.place ?? '',
    signerTitle: details.signerTitle ?? '',
    signerName: details.signerName ?? '',
    recipients: details.recipients,
    // A campaign the commune kept from its province cites the province's document.
    planCitation: planCitation(plan, o.t) ?? (await provinceCitation(deps.db, o.campaignId, o.t)) ?? undefined,
  };
  const source: FileSource = { getFile: o.getFile, token: deps.config.botToken, apiRoot: deps.config.telegramApiRoot };
  let fetched = 0;
  const photos = async (fileId: string): Promise<Buffer | null> => {
    try {
      const bytes = await downloadTelegramFile(source, fileId);
      fetched++;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      deps.logger.warn({ err: error, campaignId: o.campaignId }, 'report photo left out');
      return null;
    }
  };
  const now = deps.clock.now();
  const zone = deps.config.timezone;
  const { buildResultsReportDocx } = await import('./results-report.docx.js');
  const docx = await buildResultsReportDocx(data, settings, { t: o.t, zone, now, photos });
  await recordReportGenerated(deps.db, deps.clock, o.actorId, o.campaignId, { tasks: data.tasks.length, photos: fetched, photosLeftOut: data.photos.length - fetched });
  return { docx, fileName: reportFileName(data.campaign.title, now, zone, o.t), caption: caption(data, fetched, o.t) };
}
