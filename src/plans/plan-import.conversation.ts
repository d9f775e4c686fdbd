import { type Context, InlineKeyboard } from 'grammy';
import type { Document } from 'grammy/types';
import { answerPress, clearButtons, waitInput } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import { type BotConversation, defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { pagedKeyboard } from '../telegram/pager.js';
import { type ExtractResult, extractPlanText, joinPastedParts } from './extract-text.js';
import { reviveDraft } from './plan-json.js';
import type { PlanAlias } from './plan-types.js';
import { reviewPlan } from './plan-review.conversation.js';
import { planButtons } from './plans.buttons.js';
import { rankUnitsFor } from './plans.review.js';
import { type ReadPlan, readPlan, rememberAliases } from './plans.service.js';
import { downloadTelegramFile, MAX_DOWNLOAD_BYTES } from '../telegram/telegram-file.js';

/** How the import began: /import (ask for the plan), a pasted text, or a document sent outside any dialogue. */
export type PlanImportArgs = { locale: string; actorId: number; start: 'ask' | 'paste' | 'document' };

type Received = { text: string; fileName: string | null; messageId: number; ctx: Context };
type Refusal = { ok: false; reason: 'too-big' | 'download' };

/** /import: receive the plan (file or paste) → read it → map names that match no unit → review → create. */
export function planImportConversation(env: FeatureEnv) {
  return defineConversation<PlanImportArgs>('plan-import', async (conversation, ctx, args) => {
    const t = translator(env.i18n, args.locale);
    const received = await receivePlan(env, conversation, ctx, t, args.start);
    if (!received) return;
    const plan = await readAndMap(env, conversation, received.ctx, t, args.actorId, received.text);
    if (!plan) return;
    const chatId = received.ctx.chat?.id ?? 0;
    await reviewPlan(env, conversation, received.ctx, t, { ...received, plan, chatId, actorId: args.actorId, locale: args.locale });
  });
}

async function receivePlan(env: FeatureEnv, conversation: BotConversation, ctx: Context, t: Translate, start: PlanImportArgs['start']): Promise<Received | null> {
  let first = ctx;
  if (start === 'ask') {
    await ctx.reply(t('plan-ask'));
    first = await waitForPlan(conversation, t);
  }
  const messageId = first.message?.message_id ?? 0;
  const doc = first.message?.document;
  if (doc) {
    const result = await readDocument(env, conversation, doc);
    if (!result.ok) {
      await first.reply(t(`plan-refused-${result.reason}`));
      return null;
    }
    return { text: result.text, fileName: doc.file_name ?? null, messageId, ctx: first };
  }
  const pasted = await collectPaste(conversation, first, t, first.message?.text ?? '');
  return { text: pasted.text, fileName: null, messageId, ctx: pasted.ctx };
}

async function waitForPlan(conversation: BotConversation, t: Translate): Promise<Context> {
  for (;;) {
    const input = await waitInput(conversation);
    if (input.message?.document || input.message?.text) return input;
    await answerPress(input);
    await input.reply(t('plan-ask-again'));
  }
}

/** Downloads and reads the file outside the replayed part; only the text (or the refusal) is kept. */
async function readDocument(env: FeatureEnv, conversation: BotConversation, doc: Document): Promise<ExtractResult | Refusal> {
  if ((doc.file_size ?? 0) > MAX_DOWNLOAD_BYTES) return { ok: false, reason: 'too-big' };
  const { config, logger } = env.deps;
  return conversation.external(async (outside): Promise<ExtractResult | Refusal> => {
    try {
      const source = { getFile: (id: string) => outside.api.getFile(id), token: config.botToken, apiRoot: config.telegramApiRoot };
      const bytes = await downloadTelegramFile(source, doc.file_id);
      return await extractPlanText({ bytes, fileName: doc.file_name ?? '', ...(doc.mime_type ? { mimeType: doc.mime_type } : {}) });
    } catch (error) {
      logger.warn({ err: error }, 'plan document could not be downloaded');
      return { ok: false, reason: 'download' };
    }
  });
}

/** A long paste arrives as several messages: keep them until "Xong", then join them as one text. */
/** "Xong" typed instead of pressed: the end of the paste, never a part of the plan. */
const DONE_WORD = /^\s*(?:xong|xong rồi|đã xong|hết|done)\s*[.!]?\s*$/iu;

async function collectPaste(conversation: BotConversation, ctx: Context, t: Translate, first: string): Promise<{ text: string; ctx: Context }> {
  const parts = first && !DONE_WORD.test(first) ? [first] : [];
  const done = new InlineKeyboard().text(t('plan-paste-done'), planButtons.pasteDone.pack());
  let current = ctx;
  const received = () => t('plan-paste-received', { parts: parts.length, chars: parts.join('').length });
  let ack = await current.reply(parts.length ? received() : t('plan-paste-empty'), { reply_markup: done });
  for (;;) {
    const input = await waitInput(conversation);
    const text = input.message?.text;
    const finished = planButtons.pasteDone.unpack(input.callbackQuery?.data) !== null || (text !== undefined && DONE_WORD.test(text));
    if (text && !finished) {
      parts.push(text);
      // Only the newest acknowledgement keeps its "Xong".
      await input.api.editMessageReplyMarkup(ack.chat.id, ack.message_id).catch(() => undefined);
      current = input;
      ack = await current.reply(received(), { reply_markup: done });
      continue;
    }
    await answerPress(input);
    if (finished && parts.length > 0) {
      await clearButtons(input);
      return { text: joinPastedParts(parts), ctx: input };
    }
    await input.reply(t(parts.length ? 'plan-paste-only-text' : 'plan-paste-empty'));
  }
}

/** The draft, kept in the conversation as JSON and revived with its dates. */
function readOnce(env: FeatureEnv, conversation: BotConversation, text: string): Promise<ReadPlan> {
  return conversation.external({
    task: () => readPlan(env.deps.db, text, env.deps.config.timezone, env.deps.clock.now()),
    beforeStore: (plan: ReadPlan) => JSON.stringify(plan),
    afterLoad: (json: string) => {
      const stored: { draft: Parameters<typeof reviveDraft>[0]; units: ReadPlan['units'] } = JSON.parse(json);
      return { draft: reviveDraft(stored.draft), units: stored.units };
    },
  });
}

async function readAndMap(env: FeatureEnv, conversation: BotConversation, ctx: Context, t: Translate, actorId: number, text: string): Promise<ReadPlan | null> {
  const plan = await readOnce(env, conversation, text);
  if (plan.draft.items.length === 0) {
    await ctx.reply(t('plan-nothing-found'));
    return null;
  }
  if (plan.draft.unmatched.length === 0) return plan;
  const answers: PlanAlias[] = [];
  for (const [n, name] of plan.draft.unmatched.entries()) answers.push(await askName(conversation, ctx, t, plan, n, name));
  await conversation.external(() => rememberAliases(env.deps.db, env.deps.clock, actorId, answers));
  return readOnce(env, conversation, text);
}

/** One name at a time: the units most like it first, paged; or skip it. The answer is kept for later imports. */
async function askName(conversation: BotConversation, ctx: Context, t: Translate, plan: ReadPlan, n: number, name: string): Promise<PlanAlias> {
  const ranked = rankUnitsFor(name, plan.units);
  let page = 0;
  const render = () =>
    pagedKeyboard(
      ranked.map((u) => ({ label: u.name, data: planButtons.mapName.pack(n, u.id) })),
      page,
      (p) => planButtons.namePage.pack(n, p),
      t,
    )
      .row()
      .text(t('plan-name-skip'), planButtons.skipName.pack(n));
  await ctx.reply(t('plan-name-ask', { name, index: n + 1, count: plan.draft.unmatched.length }), { reply_markup: render() });
  for (;;) {
    const input = await waitInput(conversation);
    const data = input.callbackQuery?.data;
    await answerPress(input);
    const mapped = planButtons.mapName.unpack(data);
    const unit = mapped && mapped[0] === n ? plan.units.find((u) => u.id === mapped[1]) : undefined;
    if (unit || planButtons.skipName.unpack(data)?.[0] === n) {
      await clearButtons(input);
      await input.reply(unit ? t('plan-name-mapped', { name, unit: unit.name }) : t('plan-name-skipped', { name }));
      return { name, unitId: unit?.id ?? null };
    }
    const paged = planButtons.namePage.unpack(data);
    if (paged && paged[0] === n) {
      page = paged[1];
      await input.editMessageReplyMarkup({ reply_markup: render() }).catch(() => undefined);
    } else await input.reply(t('plan-name-press'));
  }
}
