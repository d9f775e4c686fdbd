import { type Context, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { outboxSettings } from '../broadcasts/broadcasts.service.js';
import { unitsInScope } from '../core/unit-scope.js';
import { accept, answerPress, ask, askText, clearButtons, retry, waitInput } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import type { BotConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { pickTargets } from '../telegram/pick-targets.js';
import { explainDateInput, showWhen } from '../calendar/date-format.js';
import { readWhen } from '../calendar/when-reader.js';
import { type DraftItem, PLAN_ITEM_KINDS, type PlanPeriod } from './plan-types.js';
import { type ItemAction, planTargets, planButtons } from './plans.buttons.js';
import { inYear, nextYearFor, type ReviewItem, toImport, withKind, withPeriod, withUnits } from './plans.review.js';
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
      await ctx.reply(tc.t('plan-review-intro', { docType, title: draft.title ?? tc.t('plan-untitled'), count: items.length }));
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
    const year = planButtons.year.unpack(data);
    const action = planButtons.item.unpack(data);
    const r = items.find((i) => i.item.index === (year?.[0] ?? action?.[1]));
    if (!r || (!year && !action)) {
      await answerPress(press);
      await press.reply(t('plan-review-press'));
    } else if (year || action?.[0] === 'keep' || action?.[0] === 'drop') {
      if (year) r.item = inYear(r.item, year[1], zone);
      r.kept = action?.[0] !== 'drop';
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

async function cancel(press: Context, t: Translate): Promise<void> {
  await clearButtons(press);
  await press.reply(t('plan-review-cancelled'));
}

/** Asks what one edit button needs (dates, units, kind, link) and applies it; returns the last input. */
async function editItem(conversation: BotConversation, ctx: Context, t: Translate, r: ReviewItem, action: ItemAction, tc: TextContext, plan: ReadPlan): Promise<Context> {
  const { zone } = tc;
  if (action === 'date') {
    const answer = await askPeriod(conversation, ctx, t, r.item, tc);
    r.item = withPeriod(r.item, answer.value.period, zone, answer.value.deadline);
    return answer.ctx;
  }
  if (action === 'units') {
    const scope = await pickTargets(conversation, ctx, t, { buttons: planTargets, prompt: t('plan-ask-units', { title: r.item.title }), units: plan.units });
    if (scope.mode !== 'extra') r.item = withUnits(r.item, unitsInScope(plan.units, scope).map((u) => u.id), plan.units);
    return ctx;
  }
  if (action === 'kind') {
    const kb = new InlineKeyboard();
    PLAN_ITEM_KINDS.forEach((k, i) => {
      kb.text(t(`plan-kind-${k}`), planButtons.kind.pack(k, r.item.index));
      if (i % 2 === 1) kb.row();
    });
    const answer = await ask(conversation, ctx, {
      prompt: t('plan-ask-kind', { title: r.item.title, kind: t(`plan-kind-${r.item.kind}`) }),
      keyboard: kb,
      read: async (input) => {
        await answerPress(input);
        const kind = planButtons.kind.unpack(input.callbackQuery?.data);
        return kind && kind[1] === r.item.index ? accept(kind[0]) : retry(t('press-button'));
      },
    });
    await clearButtons(answer.ctx);
    r.item = withKind(r.item, answer.value, zone);
    return answer.ctx;
  }
  if (action === 'link') {
    const valid = (s: string) => /^https?:\/\/\S+$/i.test(s);
    r.link = await askText(conversation, ctx, t, { prompt: t('plan-ask-link', { title: r.item.title }), invalid: t('plan-link-invalid'), max: 300, valid });
    return ctx;
  }
  return ctx;
}

/** An example of the expected answer, from the item's own dates (moved to a year still ahead). */
function periodExample(item: DraftItem, tc: TextContext): string {
  const period: PlanPeriod = item.period ?? { start: tc.now, end: tc.now, precision: 'day' };
  const ahead = item.period && period.end <= tc.now ? inYear(item, nextYearFor(period, tc.now, tc.zone), tc.zone).period ?? period : period;
  const fmt = (d: Date) => DateTime.fromJSDate(d, { zone: tc.zone }).toFormat('dd/MM/yyyy');
  return tc.t('plan-date-example', { from: fmt(ahead.start), to: fmt(ahead.end) });
}

/** *Sửa ngày*: the one reader, as /newtask reads it (a date with no year is the next one to come); what it read is shown back. */
async function askPeriod(conversation: BotConversation, ctx: Context, t: Translate, item: DraftItem, tc: TextContext) {
  return ask(conversation, ctx, {
    prompt: t('plan-ask-date', { title: item.title, example: periodExample(item, tc) }),
    read: async (input) => {
      await answerPress(input);
      const text = input.message?.text?.trim() ?? '';
      if (!text) return retry(t('plan-date-type'));
      const parsed = readWhen(text, { now: tc.now, zone: tc.zone, allowPast: true });
      if (!parsed.ok) return retry(`${explainDateInput(parsed, tc.zone, t)} ${t('cancel-hint')}`);
      const v = parsed.value;
      if (v.end.toMillis() <= tc.now.getTime()) return retry(t('plan-date-past', { text: parsed.matched }));
      await input.reply(showWhen(v, tc.zone, t));
      const start = (v.start ?? (v.precision === 'month' ? v.end.startOf('month') : v.end.startOf('day'))).toJSDate();
      return accept({ period: { start, end: v.end.toJSDate(), precision: v.precision }, deadline: v.start === null });
    },
  });
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
