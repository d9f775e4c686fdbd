import { type Api, type Context, InputFile } from 'grammy';
import { clip } from '../core/text.js';
import { setReportDetails } from '../settings/settings.service.js';
import { askText } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import { type BotConversation, defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { findCampaignPlan } from '../plans/plans.service.js';
import { placeFromOffice, readReportHints, type ReportHints } from './report-hints.js';
import { onBehalfOf } from './results-report.format.js';
import { buildCampaignReport, type ReportDetails } from './results-report.service.js';

export type ReportDetailsArgs = { locale: string; actorId: number; chatId: number; campaignId: number };

const QUESTIONS = 6;
const NO_HINTS: ReportHints = { officeName: null, parentBody: null, place: null, signerTitle: null, signerName: null };

/**
 * Builds the campaign's report and sends it as a document (build and send happen together, so
 * the file's bytes are never kept anywhere). 'not-found' when the campaign is gone.
 */
export async function deliverReport(env: FeatureEnv, api: Api, o: { chatId: number; actorId: number; campaignId: number; t: Translate }): Promise<'sent' | 'not-found'> {
  const details = (await env.office.load(env.deps.db)).report;
  const built = await buildCampaignReport(env.deps, details, { ...o, getFile: (id) => api.getFile(id) });
  if (!built) return 'not-found';
  await api.sendDocument(o.chatId, new InputFile(built.docx, built.fileName), { caption: built.caption });
  return 'sent';
}

/** Who answers the details, and what is built with them once saved. */
export interface ReportDetailsFlow<A extends DetailsArgs> {
  id: string;
  /** Answers offered before anything was saved (an imported plan's header, the office's own name). */
  hints(args: A): Promise<ReportHints>;
  /** Builds the report with the details just saved and sends it. */
  deliver(api: Api, args: A & { t: Translate }): Promise<'sent' | 'not-found'>;
  /** A province has no body above it to print: the question can be skipped. */
  parentOptional?: boolean;
}

type DetailsArgs = { locale: string; actorId: number; chatId: number };

/**
 * The first /report: the details every report prints, one question at a time (the plan the
 * campaign was imported from, or an earlier answer, is offered as a one-tap answer), saved for
 * every later report; then the report itself.
 */
export function reportDetailsConversation(env: FeatureEnv) {
  return askReportDetails<ReportDetailsArgs>(env, {
    id: 'report-details',
    hints: async (args) => {
      const plan = await findCampaignPlan(env.deps.db, args.campaignId);
      return plan ? readReportHints(plan.text, plan.place) : NO_HINTS;
    },
    deliver: (api, args) => deliverReport(env, api, args),
  });
}

/** The six questions, for any report an office writes (a commune's campaign, a province's send). */
export function askReportDetails<A extends DetailsArgs>(env: FeatureEnv, flow: ReportDetailsFlow<A>) {
  const { deps, office } = env;
  return defineConversation<A>(flow.id, async (conversation, ctx, args) => {
    const t = translator(env.i18n, args.locale);
    const hints = await conversation.external(() => flow.hints(args));
    const saved = await conversation.external(async () => (await office.load(deps.db)).report);
    await ctx.reply(t('rrd-intro', { count: QUESTIONS }));
    const ask = (step: number, field: string, vars: Record<string, string>, suggestion: string | null, skip = false) =>
      askDetail(conversation, ctx, t, { step, field, vars, suggestion, skip });
    const officeName = await ask(1, 'office', {}, saved.officeName ?? hints.officeName);
    const parentBody = await ask(2, 'parent', { office: officeName }, saved.parentBody ?? hints.parentBody, flow.parentOptional);
    const place = await ask(3, 'place', {}, saved.place ?? hints.place ?? placeFromOffice(officeName));
    const signerTitle = await ask(4, 'signer-title', { office: officeName }, saved.signerTitle ?? hints.signerTitle);
    const signerName = await ask(5, 'signer-name', { title: signerTitle }, saved.signerName ?? hints.signerName);
    const usual = saved.recipients.length ? saved.recipients.join('\n') : parentBody ? t('rrd-recipients-suggest', { parent: parentBody }) : null;
    const recipients = (await ask(6, 'recipients', { parent: parentBody }, usual))
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const details: ReportDetails = { officeName, parentBody, place, signerTitle, signerName, signsForChair: onBehalfOf(signerTitle) !== null, recipients };
    await conversation.external(() => setReportDetails(deps.db, deps.clock, office, args.actorId, details));
    await ctx.reply(t('rrd-saved'));
    await ctx.replyWithChatAction('upload_document');
    const outcome = await conversation.external((outside) => flow.deliver(outside.api, { ...args, t }));
    if (outcome === 'not-found') await ctx.reply(t('rrf-not-found'));
  });
}

async function askDetail(
  conversation: BotConversation,
  ctx: Context,
  t: Translate,
  q: { step: number; field: string; vars: Record<string, string>; suggestion: string | null; skip?: boolean | undefined },
): Promise<string> {
  const suggestion = q.suggestion?.trim() || null;
  const lines = [t(`rrd-ask-${q.field}`, { step: q.step, count: QUESTIONS, ...q.vars })];
  const list = suggestion?.includes('\n') ? suggestion.split('\n').map((l) => `- ${l}`).join('\n') : null;
  if (q.skip) lines.push(t('rrd-skip-none'));
  lines.push(list ? t('rrd-suggestion-list', { lines: list }) : suggestion ? t('rrd-suggestion', { value: suggestion }) : t('rrd-type-it'));
  const answer = await askText(conversation, ctx, t, {
    prompt: lines.join('\n'),
    invalid: t(q.field === 'recipients' ? 'rrd-invalid-recipients' : 'rrd-invalid'),
    max: q.field === 'recipients' ? 1000 : 150,
    ...(q.skip ? { skip: true } : {}),
    ...(suggestion ? { accept: { label: list ? t('rrd-use-list') : t('rrd-use', { value: clip(suggestion, 40) }), value: suggestion } } : {}),
  });
  return answer?.trim() ?? '';
}
