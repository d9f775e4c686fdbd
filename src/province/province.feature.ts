import { type CallbackQueryContext, Composer, InlineKeyboard, InputFile } from 'grammy';
import { exportFileName } from '../exports/exports.names.js';
import { inOffice } from '../core/office-scope.js';
import type { Office } from '../core/office-settings.js';
import { clip } from '../core/text.js';
import { pendingForTask } from '../status/status.service.js';
import { pendingLines } from '../status/status.text.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { splitLines } from '../telegram/split.js';
import { adjustConversation } from './province-adjust.conversation.js';
import { communesConversation } from './province-communes.conversation.js';
import { sendByNameConversation } from './province-names.conversation.js';
import { deliverSend } from './province.deliver.js';
import { communeButtons, provinceButtons as pv } from './province.buttons.js';
import { keptReply } from './province.keep.js';
import { deliverProvinceReport, provinceReportConversation } from './province-report.conversation.js';
import { hasReportDetails } from '../results-report/results-report.service.js';
import {
  COMMUNE_KINDS,
  communeProgress,
  communesFor,
  draftSend,
  findSend,
  isProvince,
  keepForCommune,
  listSends,
  provinceRollup,
  type CommuneProgress,
  type ProvinceSend,
  provinceStatus,
  sendDown,
} from './province.service.js';
import { communeName, owingLines, rollupLines, sendLines } from './province.text.js';

type Ctx = BotContext & { office: Office };
type Press = CallbackQueryContext<BotContext> & { office: Office };
const PROVINCE_PASTE_MAX = 300;
/** Communes listed under /status and /pending (a province has about a hundred; beyond, those furthest behind). */
const MAX_LISTED = 120;
const MAX_COMMUNE_BUTTONS = 60;

const inProvince = (ctx: BotContext): ctx is Ctx => isProvince(ctx.office);

/** HTML in chunks under 4096 characters, cut between lines. */
async function sendHtml(ctx: BotContext, lines: string[], reply_markup?: InlineKeyboard): Promise<void> {
  const chunks = splitLines(lines);
  for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, { parse_mode: 'HTML', ...(i === chunks.length - 1 && reply_markup ? { reply_markup } : {}) });
}

/** A province admin's sentence (and document): the draft, then whom to send it to. */
const onProvinceTask =
  ({ deps }: FeatureEnv) =>
  async (ctx: Ctx, text: string, document: { fileId: string; name: string | null } | null, next: () => Promise<void>) => {
    const zone = deps.config.timezone;
    const member = ctx.member;
    if (!member) return;
    const result = await draftSend(deps.db, deps.clock, { provinceId: ctx.office.id, actorId: member.id, text, zone, t: ctx.t, document });
    // Chat that reads as no task at all goes on to the fallback; a task without its dates is asked again.
    if (!result.ok && result.reason === 'not-a-task' && !document) return next();
    if (!result.ok) return ctx.reply(ctx.t(document ? 'pv-doc-caption' : 'pv-need-date'));
    const communes = await communesFor(deps.db, ctx.office.id, { mode: 'all' });
    if (communes.length === 0) return ctx.reply(ctx.t('pv-no-communes'));
    const kb = new InlineKeyboard().text(ctx.t('pv-send-all-button', { count: communes.length }), pv.sendAll.pack(result.send.id)).row();
    for (const kind of COMMUNE_KINDS) {
      const count = communes.filter((c) => c.kind === kind).length;
      if (count > 0 && count < communes.length) kb.text(ctx.t('pv-send-kind-button', { kind: ctx.t(`office-kind-${kind}`), count }), pv.sendKind.pack(kind, result.send.id)).row();
    }
    kb.text(ctx.t('pv-send-names-button'), pv.sendNames.pack(result.send.id)).row();
    kb.text(ctx.t('pv-drop-button'), pv.drop.pack(result.send.id));
    const lines = [ctx.t('pv-draft-header'), ...sendLines(ctx.t, result.send, zone), ...(document ? [ctx.t('pv-draft-document')] : []), '', ctx.t('pv-draft-choose')];
    await ctx.reply(lines.join('\n'), { reply_markup: kb });
  };

const onSendPress = (env: FeatureEnv) => async (ctx: Press) => {
  const { deps } = env;
  const all = pv.sendAll.unpack(ctx.callbackQuery.data);
  const byKind = pv.sendKind.unpack(ctx.callbackQuery.data);
  const sendId = all?.[0] ?? byKind?.[1];
  if (!sendId || !ctx.member) return;
  await answerPress(ctx);
  const target = byKind ? { mode: 'kinds' as const, kinds: [byKind[0]] } : { mode: 'all' as const };
  const result = await sendDown(deps.db, deps.clock, { provinceId: ctx.office.id, actorId: ctx.member.id, sendId, target });
  if (!result.ok) return ctx.reply(ctx.t(`pv-${result.reason}`));
  await deliverSend(env, ctx.office, result.send, result.communeIds);
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t('pv-sent', { title: result.send.title, count: result.communeIds.length }));
};

const onDropPress = (env: FeatureEnv) => async (ctx: Press) => {
  const [sendId] = pv.drop.unpack(ctx.callbackQuery.data) ?? [0];
  await answerPress(ctx);
  const send = await findSend(env.deps.db, ctx.office.id, sendId);
  if (!send) return ctx.reply(ctx.t('pv-not-found'));
  if (send.sentAt) return ctx.reply(ctx.t('pv-already-sent'));
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(ctx.t('pv-dropped'));
};

type View = 'status' | 'pending' | 'export' | 'report';
type DetailsConversation = ReturnType<typeof provinceReportConversation>;

/** /status and /pending at a province: the only send at once, otherwise a choice of the recent ones. */
const onProvinceCommand = (env: FeatureEnv, view: View, details: DetailsConversation) => async (ctx: Ctx) => {
  const sends = await listSends(env.deps.db, ctx.office.id);
  const [only] = sends;
  if (!only) return ctx.reply(ctx.t('pv-none'));
  if (sends.length === 1) return showSend(env, ctx, only.id, view, details);
  const kb = new InlineKeyboard();
  for (const s of sends) kb.text(ctx.t('pv-choice-button', { title: clip(s.title, 40), kept: s.kept, communes: s.communes }), pv[view].pack(s.id)).row();
  await ctx.reply(ctx.t('pv-choose'), { reply_markup: kb });
};

async function showSend(env: FeatureEnv, ctx: Ctx, sendId: number, view: View, details: DetailsConversation): Promise<void> {
  const { deps } = env;
  const zone = deps.config.timezone;
  const listed = view === 'status' || view === 'pending';
  // Both reads name the province: a send of another province finds nothing in either.
  const [send, status] = await Promise.all([
    findSend(deps.db, ctx.office.id, sendId),
    listed ? provinceStatus(deps.db, ctx.office.id, sendId, { limit: MAX_LISTED, owingOnly: view === 'pending' }) : null,
  ]);
  if (!send?.sentAt) {
    await ctx.reply(ctx.t('pv-not-found'));
    return;
  }
  if (view === 'report') return sendReport(env, ctx, sendId, details);
  if (!status) return sendWorkbook(env, ctx, send, await provinceRollup(deps.db, ctx.office.id, sendId));
  const lines = view === 'status' ? rollupLines(ctx.t, send, status, zone) : owingLines(ctx.t, send, status, zone);
  const kb = new InlineKeyboard();
  for (const c of status.communes.filter((x) => x.state === 'kept').slice(0, MAX_COMMUNE_BUTTONS)) {
    kb.text(ctx.t('pv-commune-button', { name: clip(communeName(ctx.t, c), 40) }), pv.commune.pack(sendId, c.officeId)).row();
  }
  await sendHtml(ctx, lines, kb);
}

/** The province's workbook of one send: a summary and a sheet per commune. */
async function sendWorkbook(env: FeatureEnv, ctx: Ctx, send: ProvinceSend, communes: CommuneProgress[]): Promise<void> {
  const { deps } = env;
  if (!ctx.member) return;
  const zone = deps.config.timezone;
  await ctx.replyWithChatAction('upload_document');
  // Loaded on first use, as /export does: exceljs costs every bot process memory and start-up time.
  const { buildProvinceXlsx, loadCommuneSheets } = await import('./province.export.js');
  const sheets = await loadCommuneSheets(deps.db, deps.clock, ctx.member.id, communes);
  const now = deps.clock.now();
  const bytes = await buildProvinceXlsx(ctx.t, send, sheets, now, zone);
  await ctx.replyWithDocument(new InputFile(bytes, exportFileName(send.title, now, zone, 'xlsx')), { caption: clip(ctx.t('pv-export-caption', { title: send.title }), 1024) });
}

/** The province's report: the first time, the six questions of a commune's first /report; then the DOCX. */
async function sendReport(env: FeatureEnv, ctx: Ctx, sendId: number, details: DetailsConversation): Promise<void> {
  if (!ctx.member) return;
  const args = { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, chatId: ctx.chat?.id ?? ctx.member.telegramId, provinceId: ctx.office.id, sendId };
  if (!hasReportDetails((await env.office.load(env.deps.db)).report, { parentOptional: true })) return details.enter(ctx, args);
  await ctx.replyWithChatAction('upload_document');
  const outcome = await deliverProvinceReport(env, ctx.api, { ...args, t: (key, vars) => ctx.t(key, vars) });
  if (outcome === 'not-found') await ctx.reply(ctx.t('pv-not-found'));
}

const onViewPress = (env: FeatureEnv, view: View, details: DetailsConversation) => async (ctx: Press) => {
  const [sendId] = pv[view].unpack(ctx.callbackQuery.data) ?? [0];
  await answerPress(ctx);
  await showSend(env, ctx, sendId, view, details);
};

/** Tap down: one commune's units for the send, read as the commune's own /pending reads them. */
const onCommunePress = (env: FeatureEnv) => async (ctx: Press) => {
  const { deps } = env;
  const [sendId, communeId] = pv.commune.unpack(ctx.callbackQuery.data) ?? [0, 0];
  await answerPress(ctx);
  const commune = await communeProgress(deps.db, ctx.office.id, sendId, communeId);
  if (!commune) return ctx.reply(ctx.t('pv-not-found'));
  const name = communeName(ctx.t, commune);
  const taskId = commune.taskId;
  if (!taskId) return ctx.reply(ctx.t('pv-commune-not-kept', { name }));
  // The commune belongs to this province (its row of this province's send): read it as the commune.
  const list = await inOffice(communeId, () => pendingForTask(deps.db, taskId, 200));
  if (!list) return ctx.reply(ctx.t('pv-not-found'));
  await sendHtml(ctx, [ctx.t('pv-commune-header', { name }), ...pendingLines(ctx.t, list, deps.config.timezone, 'one-task')]);
};

/** A commune admin's one tap: keep the province's task for every residential unit. */
const onKeepPress = (env: FeatureEnv) => async (ctx: Press) => {
  const { deps } = env;
  const [sendId] = communeButtons.keep.unpack(ctx.callbackQuery.data) ?? [0];
  if (!ctx.member) return;
  await answerPress(ctx);
  const result = await keepForCommune(deps.db, deps.clock, { communeId: ctx.office.id, actorId: ctx.member.id, sendId });
  if (result.ok) await ctx.editMessageReplyMarkup().catch(() => undefined);
  await ctx.reply(keptReply(ctx.t, result, deps.config.timezone));
};

/**
 * A province and its communes. At a province (tỉnh, thành phố): its admin types a task (or sends
 * the notice with the task as its caption) and sends it to all communes or some kinds; /status and
 * /pending show the communes, with a tap down into one commune's units. At a commune: its admins
 * keep the province's task with one tap, or adjust it.
 */
export function createProvinceFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const adjust = adjustConversation(env);
  const communes = communesConversation(env);
  const pickByName = sendByNameConversation(env);
  const details = provinceReportConversation(env);
  const privateChat = composer.chatType('private');
  const province = privateChat.filter((ctx): ctx is typeof ctx & { office: Office } => inProvince(ctx));
  const provinceAdmin = province.filter(hasRole('admin'));
  const provinceStaff = province.filter(hasRole('admin', 'official'));
  const officeAdmin = privateChat.filter(hasRole('admin')).filter((ctx): ctx is typeof ctx & { office: Office } => !!ctx.office);

  provinceAdmin.on('message:text', async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (text.startsWith('/') || text.length > PROVINCE_PASTE_MAX) return next();
    await onProvinceTask(env)(ctx, text, null, next);
  });
  provinceAdmin.on('message:document', (ctx, next) =>
    onProvinceTask(env)(ctx, ctx.message.caption?.trim() ?? '', { fileId: ctx.message.document.file_id, name: ctx.message.document.file_name ?? null }, next),
  );
  provinceAdmin.command('communes', async (ctx) =>
    communes.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, provinceId: ctx.office.id, botUsername: ctx.me.username }),
  );
  provinceAdmin.callbackQuery([pv.sendAll.pattern, pv.sendKind.pattern], onSendPress(env));
  provinceAdmin.callbackQuery(pv.drop.pattern, onDropPress(env));
  provinceAdmin.callbackQuery(pv.sendNames.pattern, async (ctx) => {
    const [sendId] = pv.sendNames.unpack(ctx.callbackQuery.data) ?? [0];
    await answerPress(ctx);
    const send = await findSend(env.deps.db, ctx.office.id, sendId);
    if (!send || send.sentAt) return ctx.reply(ctx.t(send ? 'pv-already-sent' : 'pv-not-found'));
    await pickByName.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, province: { id: ctx.office.id, name: ctx.office.name, kind: ctx.office.kind, parentId: ctx.office.parentId }, sendId });
  });
  provinceStaff.command('status', onProvinceCommand(env, 'status', details));
  provinceStaff.command('pending', onProvinceCommand(env, 'pending', details));
  provinceStaff.callbackQuery(pv.status.pattern, onViewPress(env, 'status', details));
  provinceStaff.callbackQuery(pv.pending.pattern, onViewPress(env, 'pending', details));
  provinceStaff.command('export', onProvinceCommand(env, 'export', details));
  provinceStaff.callbackQuery(pv.export.pattern, onViewPress(env, 'export', details));
  provinceStaff.command('report', onProvinceCommand(env, 'report', details));
  provinceStaff.callbackQuery(pv.report.pattern, onViewPress(env, 'report', details));
  provinceStaff.callbackQuery(pv.commune.pattern, onCommunePress(env));
  officeAdmin.callbackQuery(communeButtons.keep.pattern, onKeepPress(env));
  officeAdmin.callbackQuery(communeButtons.adjust.pattern, async (ctx) => {
    const [sendId] = communeButtons.adjust.unpack(ctx.callbackQuery.data) ?? [0];
    await answerPress(ctx);
    await adjust.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, communeId: ctx.office.id, sendId });
  });
  return { composer, conversations: [adjust, communes, pickByName, details] };
}
