import { autoRetry } from '@grammyjs/auto-retry';
import { conversations } from '@grammyjs/conversations';
import { sequentialize } from '@grammyjs/runner';
import { Api, Bot, Composer, type Context, type MiddlewareFn, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from './config.js';
import { createOnboardingFeature } from './onboarding/onboarding.feature.js';
import { createInviteFeature } from './onboarding/invite.feature.js';
import { createUnitsFeature } from './onboarding/units.feature.js';
import { createStrangerGate } from './onboarding/stranger.feature.js';
import { createReportsFeature, leaderTasksKeyboard } from './reports/reports.feature.js';
import { createTasksFeature } from './tasks/tasks.feature.js';
import { createExportsFeature } from './exports/exports.feature.js';
import { createOfficialsFeature } from './officials/officials.feature.js';
import { createReworkFeature } from './rework/rework.feature.js';
import { createStatusFeature } from './status/status.feature.js';
import { createDashboardFeature } from './dashboard/dashboard.feature.js';
import { createBroadcastsFeature } from './broadcasts/broadcasts.feature.js';
import { createRemindersFeature } from './reminders/reminders.feature.js';
import { createFallbackFeature } from './telegram/fallback.feature.js';
import type { BotContext, Dependencies } from './telegram/context.js';
import { conversationStorage, prefetchUpdate } from './telegram/conversation-storage.js';
import type { Feature, FeatureEnv } from './telegram/feature.js';
import { createI18n } from './telegram/i18n.js';
import { InFlight } from './telegram/lifecycle.js';
import { dropEmptyKeyboardRows } from './telegram/keyboards.js';
import { answerPress } from './telegram/ask.js';
import { HotDialogues } from './telegram/hot-dialogue.js';
import { memoizedGlobals } from './telegram/memo-globals.js';
import { telegramFetch } from './telegram/http-client.js';
import { directJsonCalls } from './telegram/json-calls.js';
import { pacedReplies } from './telegram/paced-replies.js';
import { SendBudget } from './telegram/pacer.js';
import { privateChatsOnly } from './telegram/private-only.js';
import { sequence } from './telegram/sequence.js';
import { isDatabaseUnavailable, isDiskFull } from './core/db-errors.js';
import { DiskFullAlarm } from './telegram/disk-full.js';
import { listStaffRecipients } from './outbox/recipients.queries.js';
import { wellFormedUpdates } from './telegram/update-guard.js';
import { officeVariables, termVariables } from './settings/office-terms.js';
import { inOffice, OfficeScopePlugin } from './core/office-scope.js';
import { exampleDates } from './core/example-dates.js';
import { OfficeSettingsCache } from './settings/settings.service.js';
import { createSettingsFeature } from './settings/settings.feature.js';
import { createQuickTaskFeature } from './quick/quick-task.feature.js';
import { createPlansFeature } from './plans/plans.feature.js';
import { createResultsReportFeature } from './results-report/results-report.feature.js';
import { createProvinceFeature } from './province/province.feature.js';

/** Telegram may ask us to wait up to an hour; a worker never sleeps longer than this. */
const AUTO_RETRY = { maxRetryAttempts: 3, maxDelaySeconds: 30 } as const;

export interface CreatedBot {
  bot: Bot<BotContext>;
  env: FeatureEnv;
  /** The bot's one send budget: replies use it here; the outbox dispatcher takes `sendBudget.bulk`. */
  sendBudget: SendBudget;
  /** The hot dialogues (the leader's report) and their in-process copies. */
  dialogues: HotDialogues;
  inFlight: InFlight;
}

/**
 * Builds the bot: plugins first, then the features in order, inside one error boundary.
 * Nothing here talks to Telegram until the caller starts it.
 */
export function createBot(config: Config, deps: Omit<Dependencies, 'config'>, opts: { botInfo?: UserFromGetMe; sendBudget?: SendBudget } = {}): CreatedBot {
  // Every query made while an update is handled is scoped by the sender's office (core/office-scope).
  const fullDeps: Dependencies = { ...deps, db: deps.db.withPlugin(new OfficeScopePlugin()), config };
  const sendBudget = opts.sendBudget ?? new SendBudget(config.sendRatePerSecond);
  const apiTransformers = [directJsonCalls(config.botToken, config.telegramApiRoot), pacedReplies(sendBudget.replies, deps.logger), autoRetry(AUTO_RETRY), dropEmptyKeyboardRows];
  const bot = new Bot<BotContext>(config.botToken, {
    client: { fetch: telegramFetch, ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}) },
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
  });
  bot.api.config.use(...apiTransformers);
  const office = new OfficeSettingsCache();
  const globals = (_locale: string, translate: (key: string) => string) => ({
    ...termVariables(office.current.residentialTerm, translate),
    ...officeVariables(office.currentOffice, (key, vars) => (vars ? i18n.translate(_locale, key, vars) : translate(key))),
    ...exampleDates(deps.clock.now(), config.timezone),
  });
  const i18n = createI18n(config.defaultLocale, memoizedGlobals(globals, { now: () => deps.clock.now(), setting: () => office.current }));
  const env: FeatureEnv = { deps: fullDeps, i18n, office };
  const idleMs = config.conversationIdleHours * 3_600_000;
  const dialogues = new HotDialogues({ db: fullDeps.db, clock: fullDeps.clock, idleMs });
  const reports = createReportsFeature(env, dialogues);

  const features: Feature[] = [
    // A province's staff see communes (their /status, /pending); a commune's admins keep what it sends.
    createProvinceFeature(env),
    createDashboardFeature(env),
    createUnitsFeature(env),
    createInviteFeature(env),
    reports,
    createTasksFeature(env),
    createStatusFeature(env),
    createOfficialsFeature(env),
    createReworkFeature(env),
    createExportsFeature(env),
    createBroadcastsFeature(env),
    createRemindersFeature(env),
    createSettingsFeature(env),
    createPlansFeature(env),
    createResultsReportFeature(env),
    createQuickTaskFeature(env),
  ];
  const entry = createOnboardingFeature(env);

  const inFlight = new InFlight();
  // One `use` per composer (see sequence): an update pays only for the layers it reaches.
  bot.use(sequence<BotContext>(inFlight.middleware, wellFormedUpdates(deps.logger), sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString())));
  // Everything that can fail, loading the sender included, runs inside the boundary that apologises.
  const diskFull = new DiskFullAlarm({ admins: () => listStaffRecipients(deps.db, ['admin']), logger: deps.logger, text: (locale) => i18n.t(locale ?? config.defaultLocale, 'admin-disk-full') });
  const guarded = bot.errorBoundary((err) => reportError(err.ctx, err.error, env, diskFull));
  const cancel = new Composer<BotContext>();
  cancel.command('cancel', async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    const hot = await dialogues.cancel(ctx);
    await ctx.reply(ctx.t(active || hot ? 'cancelled' : 'nothing-to-cancel'), { reply_markup: { remove_keyboard: true } });
  });
  guarded.use(
    sequence<BotContext>(
      privateChatsOnly(env),
      // Hot dialogues (the leader's report) go first: an input for a dialogue this process holds,
      // or a press that opens one, needs neither the sender nor the rest of the pipeline.
      dialogues.early,
      reports.early,
      loadMember(fullDeps, office),
      i18n,
      entry.composer,
      conversations<BotContext, Context>({
        storage: conversationStorage(fullDeps.db, fullDeps.clock),
        plugins: [installTransformers(apiTransformers)],
      }),
      cancel,
      dialogues.loaded,
      ...[entry, ...features].flatMap((feature) => (feature.conversations ?? []).map((def) => def.middleware({ maxMillisecondsToWait: idleMs }))),
      createStrangerGate(env).composer,
      ...features.map((feature) => feature.composer),
      createFallbackFeature(env, { leaderKeyboard: leaderTasksKeyboard }).composer,
    ),
  );
  bot.catch((err) => fullDeps.logger.error({ err: err.error, updateId: err.ctx.update.update_id }, 'unhandled bot error'));
  return { bot, env, inFlight, sendBudget, dialogues };
}

/**
 * conversations v2 builds a fresh Api per conversation, with its replay transformer installed;
 * transformers on bot.api are not inherited. Ours must sit beneath the replay, next to the
 * network: installed on top of it, every replayed call would take a send slot (and wait for it)
 * although nothing is sent, so a long admin dialogue would slow down with every step.
 */
const installTransformers =
  (transformers: Transformer[]): MiddlewareFn<Context> =>
  async (ctx, next) => {
    const conversational = ctx.api.config.installedTransformers();
    const api = new Api(ctx.api.token, ctx.api.options);
    api.config.use(...transformers, ...conversational);
    Object.defineProperty(ctx, 'api', { value: api, writable: false, configurable: true, enumerable: true });
    await next();
  };

function loadMember(deps: Dependencies, office: OfficeSettingsCache): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    await office.ensureLoaded(deps.db);
    ctx.prefetched = await prefetchUpdate(deps.db, ctx.from?.id, ctx.chatId);
    ctx.member = ctx.prefetched.member;
    const member = ctx.member;
    ctx.office = member ? ((await office.find(deps.db, member.officeId)) ?? null) : null;
    // From here on, every query this update makes (conversations included) is the member's office's.
    if (member) await inOffice(member.officeId, next);
    else await next();
  };
}

/**
 * Apologises in the user's language: "not saved, the disk is full" (and the admins are told,
 * once), "busy" while the database is unreachable, a generic line otherwise.
 */
async function reportError(ctx: BotContext, error: unknown, env: FeatureEnv, diskFull: DiskFullAlarm): Promise<void> {
  const { deps, i18n } = env;
  const full = isDiskFull(error);
  const busy = !full && isDatabaseUnavailable(error);
  deps.logger.error({ err: error, updateId: ctx.update.update_id }, full ? 'database disk is full' : busy ? 'database unavailable' : 'handler failed');
  // The failure may have come before the sender or i18n were loaded.
  const locale = ctx.member?.locale ?? deps.config.defaultLocale;
  try {
    // The message first: a press made while the bot was down can no longer be answered.
    if (ctx.chat?.type === 'private') await ctx.reply(i18n.t(locale, full ? 'error-disk-full' : busy ? 'error-busy' : 'error-generic'));
    await answerPress(ctx);
  } catch (replyError) {
    deps.logger.warn({ err: replyError }, 'could not apologise to the user');
  }
  if (full) await diskFull.raise(ctx.api);
}
