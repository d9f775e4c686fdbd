import { type Api, InputFile } from 'grammy';
import { clip } from '../core/text.js';
import { exportFileName } from '../exports/exports.names.js';
import { askReportDetails } from '../results-report/report-details.conversation.js';
import type { ReportHints } from '../results-report/report-hints.js';
import { officeVariables } from '../settings/office-terms.js';
import type { Translate } from '../telegram/context.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { provinceReportData, provinceReportSettings } from './province.report.js';
import { findSend, provinceRollup } from './province.service.js';

export type ProvinceReportArgs = { locale: string; actorId: number; chatId: number; provinceId: number; sendId: number };

/**
 * The province's Decree-30 report of one send, from the communes' figures (the commune report's
 * layout), sent as a document. 'not-found' when the send is not this province's or not sent.
 */
export async function deliverProvinceReport(env: FeatureEnv, api: Api, o: { chatId: number; provinceId: number; sendId: number; t: Translate }): Promise<'sent' | 'not-found'> {
  const { deps } = env;
  const zone = deps.config.timezone;
  const [send, province] = await Promise.all([findSend(deps.db, o.provinceId, o.sendId), env.office.find(deps.db, o.provinceId)]);
  if (!send?.sentAt || !province) return 'not-found';
  const communes = await provinceRollup(deps.db, o.provinceId, o.sendId);
  const { buildResultsReportDocx } = await import('../results-report/results-report.docx.js');
  const title = officeVariables(province, o.t).officeTitle ?? '';
  const settings = provinceReportSettings((await env.office.load(deps.db)).report, title, province.name ?? '');
  const now = deps.clock.now();
  const docx = await buildResultsReportDocx(provinceReportData(o.t, send, communes), settings, { t: o.t, zone, now, photos: () => Promise.resolve(null) });
  await api.sendDocument(o.chatId, new InputFile(docx, exportFileName(send.title, now, zone, 'docx')), {
    caption: clip(o.t('pv-report-caption', { title: send.title }), 1024),
  });
  return 'sent';
}

/** What the province's first /report offers: its own office name and place; no body above it. */
async function provinceHints(env: FeatureEnv, args: ProvinceReportArgs): Promise<ReportHints> {
  const province = await env.office.find(env.deps.db, args.provinceId);
  const t = translator(env.i18n, args.locale);
  return {
    officeName: province?.name ? (officeVariables(province, t).officeTitle ?? null) : null,
    parentBody: null,
    place: province?.name ?? null,
    signerTitle: null,
    signerName: null,
  };
}

/** The province's first /report: the six questions a commune's first /report asks, then the report. */
export function provinceReportConversation(env: FeatureEnv) {
  return askReportDetails<ProvinceReportArgs>(env, {
    id: 'province-report-details',
    hints: (args) => provinceHints(env, args),
    deliver: (api, args) => deliverProvinceReport(env, api, args),
    parentOptional: true,
  });
}
