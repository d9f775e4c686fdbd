import { type Context, InlineKeyboard } from 'grammy';
import { outboxSettings } from '../broadcasts/broadcasts.service.js';
import { answerPress, clearButtons, waitInput } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import type { BotConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { editItem } from './plan-item-edit.conversation.js';
import { planButtons } from './plans.buttons.js';
import { blockerOf, campaignNameOf, inYear, type ReviewItem, toImport } from './plans.review.js';
import { createFromPlan, type ReadPlan } from './plans.service.js';
import { type ButtonSpec, itemButtons, itemText, summaryButtons, summaryText, type TextContext } from './plans.text.js';

export interface ReviewInput {
  plan: ReadPlan;
  text: string;
  fileName: string | null;
  /** The message the plan came in: names the review (and its creation key) in this chat. */
  messageId: number;
  chatId: number;
  actorId: number;
  locale: string;
}

const keyboard = (rows: ButtonSpec[][]) => InlineKeyboard.from(rows.map((row) => row.map((b) => InlineKeyboard.text(b.label, b.data))));

/** The review's messages in the chat, one per item and the summary, kept up to date as items change. */
function reviewBoard(tc: TextContext, input: ReviewInput, items: ReviewItem[]) {
  const { draft } = input.plan;
  const ids = new Map<number, number>();
  let summaryId = 0;
  const summary = (note?: string) => [summaryText(draft, items, tc, note), { reply_markup: keyboard(summaryButtons(items, tc, input.messageId)) }] as const;
  return {
    async show(ctx: Context): Promise<void> {
      const docType = (draft.docType ?? tc.t('plan-doc')).toLocaleLowerCase('vi');
      await ctx.reply(tc.t('plan-review-intro', { docType, title: campaignNameOf(draft.title) ?? tc.t('plan-untitled'), count: items.length }));
      for (const r of items) ids.set(r.item.index, (await ctx.reply(itemText(r, tc), { reply_markup: keyboard(itemButtons(r, tc)) })).message_id);
      summaryId = (await ctx.reply(...summary())).message_id;
    },
    async item(at: Context, r: ReviewItem): Promise<void> {
      const id = ids.get(r.item.index);
      if (id) await at.api.editMessageText(input.chatId, id, itemText(r, tc), { reply_markup: keyboard(itemButtons(r, tc)) }).catch(() => undefined);
    },
    async summaryInPlace(at: Context): Promise<void> {
      await at.api.editMessageText(input.chatId, summaryId, ...summary()).catch(() => undefined);
    },
    /** After a question, the summary moves below the answer, so "Tạo tất cả" stays at hand. */
    async summaryBelow(at: Context, note: string): Promise<void> {
      await at.api.editMessageReplyMarkup(input.chatId, summaryId).catch(() => undefined);
      summaryId = (await at.reply(...summary(note))).message_id;
    },
  };
}

/**
 * The review: one message per drafted item with its buttons, then the summary with "Tạo tất cả (N)".
 * Presses come in any order; each changes one item and the summary follows. Nothing is stored
 * until "Tạo tất cả", which creates everything once (see createFromPlan).
 */
export async function reviewPlan(env: FeatureEnv, conversation: BotConversation, ctx: Context, t: Translate, input: ReviewInput): Promise<void> {
  const zone = env.deps.config.timezone;
  const now = new Date(await conversation.external(() => env.deps.clock.now().toISOString()));
  const items: ReviewItem[] = input.plan.draft.items.map((item) => ({ item, kept: true, link: null }));
  const tc: TextContext = { t, zone, now, units: input.plan.units, count: items.length };
  const board = reviewBoard(tc, input, items);
  await board.show(ctx);
  for (;;) {
    const press = await waitInput(conversation);
    const data = press.callbackQuery?.data;
    if (planButtons.create.unpack(data) || planButtons.cancel.unpack(data)) {
      await answerPress(press);
      if (planButtons.create.unpack(data) && !(await create(env, conversation, press, t, input, items))) continue;
      if (planButtons.cancel.unpack(data)) await cancel(press, t);
      return;
    }
    const year = planButtons.yearAll.unpack(data);
    if (year) {
      await useYear(press, t, board, items, { year: year[0], now, zone });
      continue;
    }
    const action = planButtons.item.unpack(data);
    const r = items.find((i) => i.item.index === action?.[1]);
    if (!r || !action) {
      await answerPress(press);
      await press.reply(t('plan-review-press'));
    } else if (action[0] === 'keep' || action[0] === 'drop') {
      r.kept = action[0] !== 'drop';
      await answerPress(press, { text: t(r.kept ? 'plan-kept' : 'plan-dropped', { index: r.item.index }) });
      await board.item(press, r);
      await board.summaryInPlace(press);
    } else {
      await answerPress(press);
      const edited = await editItem(conversation, press, t, r, action?.[0] ?? 'keep', tc, input.plan);
      await board.item(edited, r);
      await board.summaryBelow(edited, t('plan-item-updated', { index: r.item.index, title: r.item.title }));
    }
  }
}

/** "Dùng năm … cho tất cả": every kept item whose dates are past moves to that year; the toast says how many. */
async function useYear(press: Context, t: Translate, board: ReturnType<typeof reviewBoard>, items: ReviewItem[], o: { year: number; now: Date; zone: string }): Promise<void> {
  const past = items.filter((r) => r.kept && blockerOf(r, o.now) === 'past');
  for (const r of past) r.item = inYear(r.item, o.year, o.zone);
  await answerPress(press, { text: t('plan-year-used', { year: String(o.year), count: past.length }) });
  for (const r of past) await board.item(press, r);
  await board.summaryInPlace(press);
}

async function cancel(press: Context, t: Translate): Promise<void> {
  await clearButtons(press);
  await press.reply(t('plan-review-cancelled'));
}

/** "Tạo tất cả": stores everything once under the review's key; false when there was nothing to create. */
async function create(env: FeatureEnv, conversation: BotConversation, press: Context, t: Translate, input: ReviewInput, items: ReviewItem[]): Promise<boolean> {
  const { deps } = env;
  const now = new Date(await conversation.external(() => deps.clock.now().toISOString()));
  const key = `plan:${input.chatId}:${input.messageId}`;
  const plan = toImport(items, { key, draft: input.plan.draft, text: input.text, fileName: input.fileName, now, zone: deps.config.timezone, locale: input.locale, chatId: input.chatId, t });
  if (plan.tasks.length === 0 && plan.broadcasts.length === 0) {
    await press.reply(t('plan-summary-nothing'));
    return false;
  }
  const result = await conversation.external(() => createFromPlan(deps.db, deps.clock, outboxSettings(deps), input.actorId, plan));
  await clearButtons(press);
  if (!result.ok) await press.reply(t('plan-already-created'));
  else await press.reply(t('plan-created', { campaign: plan.campaign.name, tasks: result.tasks, broadcasts: result.broadcasts }));
  return true;
}
