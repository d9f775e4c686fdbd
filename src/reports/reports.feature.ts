import { Composer, InlineKeyboard, type MiddlewareFn } from 'grammy';
import { formatTaskDate } from '../calendar/date-format.js';
import { formatLocal } from '../core/clock.js';
import { clip } from '../core/text.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { splitLines } from '../telegram/split.js';
import type { HotDialogues } from '../telegram/hot-dialogue.js';
import { reportDialogue, reportEntry } from './report.dialogue.js';
import { leaderTasksButton, reportButton, reportButtonData, reportConfirmButton, reportSendButton, reportSwitchButton } from './reports.buttons.js';
import { isSentFromSummary, type LeaderTaskLine, listLeaderTasks } from './reports.service.js';

const MAX_LABEL_TITLE = 28;
const short = (s: string) => clip(s, MAX_LABEL_TITLE);

/** The "Nhiệm vụ của đơn vị" button: what a leader is offered instead of a command to type. */
export function leaderTasksKeyboard(t: BotContext['t']): InlineKeyboard {
  return new InlineKeyboard().text(t('tasks-leader-open-button'), leaderTasksButton.pack());
}

/**
 * Leaders: /tasks (or the "Nhiệm vụ của đơn vị" button) lists their units' open tasks; the "Báo cáo"
 * button opens the report dialogue (a hot dialogue: `early` opens it before the sender is loaded,
 * see report.dialogue.ts).
 */
export function createReportsFeature(env: FeatureEnv, dialogues: HotDialogues): Feature & { early: MiddlewareFn<BotContext> } {
  const { deps } = env;
  const zone = deps.config.timezone;
  const composer = new Composer<BotContext>();
  const members = composer.chatType('private').filter(hasRole('leader', 'official', 'admin'));
  dialogues.register(reportDialogue(env));
  const entry = reportEntry(env, dialogues);

  function taskLines(ctx: BotContext, lines: LeaderTaskLine[]): { text: string[]; kb: InlineKeyboard } {
    const text = [ctx.t('tasks-leader-header')];
    const kb = new InlineKeyboard();
    for (const l of lines) {
      text.push(ctx.t('tasks-leader-line', { mark: ctx.t(`tasks-mark-${l.state}`), title: l.title, unit: l.unitName, due: formatTaskDate(l.dueAt, zone, ctx.t, l.lunarDates) }));
      if (l.returned) text.push(ctx.t('tasks-leader-returned'));
      else if (l.reportedBy && l.reportedAt) text.push(ctx.t('tasks-leader-reported-by', { by: l.reportedBy, at: formatLocal(l.reportedAt, zone) }));
      const key = l.state === 'reported' ? 'tasks-report-again-button' : 'tasks-report-button';
      kb.text(ctx.t(key, { title: short(l.title), unit: short(l.unitName) }), reportButtonData(l.taskId, l.unitId)).row();
    }
    return { text, kb };
  }

  const showLeaderTasks = async (ctx: BotContext & { member: NonNullable<BotContext['member']> }) => {
    const lines = await listLeaderTasks(deps.db, ctx.member.id, deps.clock.now());
    if (lines.length === 0) return ctx.reply(ctx.t('tasks-leader-none'));
    const { text, kb } = taskLines(ctx, lines);
    const chunks = splitLines(text);
    for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: kb } : {});
  };

  const onTasksCommand = async (ctx: BotContext & { member: NonNullable<BotContext['member']> }, next: () => Promise<void>) => {
    // Admins get the town-wide list (tasks feature) instead.
    if (ctx.member.role === 'admin') return next();
    await showLeaderTasks(ctx);
  };

  // The press reaches here when `early` let it pass on (e.g. "Chuyển sang báo cáo mới" first left the open report).
  const onReportButton = async (ctx: BotContext) => {
    const pressed = entry.pressedReport(ctx);
    if (pressed) await entry.enter(ctx, pressed, () => answerPress(ctx));
  };

  members.command('tasks', onTasksCommand);
  members.callbackQuery(leaderTasksButton.pattern, async (ctx) => {
    await answerPress(ctx);
    await showLeaderTasks(ctx);
  });
  /**
   * "Gửi" pressed with no report dialogue open (pressed again after the receipt, or on a summary
   * that was cancelled or left to expire): "saved" only when the report from that summary is
   * stored; otherwise the summary is closed, and the leader can start again.
   */
  const onSendAgain = async (ctx: BotContext & { member: NonNullable<BotContext['member']> }) => {
    const pressed = reportSendButton.unpack(ctx.callbackQuery?.data);
    if (pressed && (await isSentFromSummary(deps.db, ctx.member.id, pressed[0]))) return answerPress(ctx, { text: ctx.t('report-already-received') });
    await answerPress(ctx, { text: ctx.t('report-not-saved') });
    const again = pressed ? { reply_markup: new InlineKeyboard().text(ctx.t('report-start-again'), reportButtonData(pressed[1], pressed[2])) } : {};
    await ctx.reply(ctx.t(pressed ? 'report-summary-closed' : 'report-summary-closed-old'), again);
  };

  members.callbackQuery([reportButton.pattern, reportSwitchButton.pattern], onReportButton);
  members.callbackQuery([reportConfirmButton.pack('send'), reportSendButton.pattern], onSendAgain);
  return { composer, early: entry.early };
}
