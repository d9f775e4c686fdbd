import { releaseTetHold } from '../reminders/tet-hold.js';
import { Composer, InlineKeyboard } from 'grammy';
import { answerPress } from '../telegram/ask.js';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { settingsButtons } from './settings.buttons.js';
import { type OfficeSettings, RESIDENTIAL_TERMS, setResidentialTerm, setTetPause } from './settings.service.js';

/** The term question: one button per local name of residential units. */
export function termKeyboard(t: Translate): InlineKeyboard {
  const kb = new InlineKeyboard();
  RESIDENTIAL_TERMS.forEach((term, i) => {
    kb.text(t(`term-${term}-choice`), settingsButtons.term.pack(term));
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

function settingsView(t: Translate, s: OfficeSettings): { text: string; kb: InlineKeyboard } {
  const text = [
    t('settings-header'),
    t('settings-term', { term: t(`term-${s.residentialTerm ?? 'khoi'}-choice`) }),
    t(s.tetPause ? 'settings-tet-on' : 'settings-tet-off'),
    t('settings-report', { office: s.report.officeName ?? t('settings-not-set') }),
  ].join('\n');
  const kb = new InlineKeyboard()
    .text(t('settings-term-button'), settingsButtons.chooseTerm.pack())
    .row()
    .text(t(s.tetPause ? 'settings-tet-turn-off' : 'settings-tet-turn-on'), settingsButtons.toggleTet.pack());
  return { text, kb };
}

/** Admins: /settings shows the office's settings; the local term is also asked once, on first use. */
export function createSettingsFeature(env: FeatureEnv): Feature {
  const { deps, office } = env;
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  const t = (ctx: BotContext): Translate => (key, vars) => ctx.t(key, vars);

  const onSettings = async (ctx: BotContext) => {
    const view = settingsView(t(ctx), await office.load(deps.db));
    await ctx.reply(view.text, { reply_markup: view.kb });
  };

  const onChooseTerm = async (ctx: BotContext) => {
    await answerPress(ctx);
    await ctx.reply(ctx.t('settings-term-ask'), { reply_markup: termKeyboard(t(ctx)) });
  };

  const onTerm = async (ctx: BotContext & { member: NonNullable<BotContext['member']> }) => {
    const pressed = settingsButtons.term.unpack(ctx.callbackQuery?.data);
    if (!pressed) return;
    await answerPress(ctx);
    await setResidentialTerm(deps.db, deps.clock, office, ctx.member.id, pressed[0]);
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    // Texts now use the new term, this confirmation included.
    await ctx.reply(ctx.t('settings-term-saved'));
  };

  const onToggleTet = async (ctx: BotContext & { member: NonNullable<BotContext['member']> }) => {
    await answerPress(ctx);
    const current = await office.load(deps.db);
    await setTetPause(deps.db, deps.clock, office, ctx.member.id, !current.tetPause);
    // Off during mùng 1–3: what the pause held goes now rather than on mùng 4.
    if (current.tetPause) await releaseTetHold(deps.db, deps.clock.now(), deps.config.timezone);
    const view = settingsView(t(ctx), office.current);
    await ctx.editMessageText(view.text, { reply_markup: view.kb }).catch(() => ctx.reply(view.text, { reply_markup: view.kb }));
  };

  admin.command('settings', onSettings);
  admin.callbackQuery(settingsButtons.chooseTerm.pattern, onChooseTerm);
  admin.callbackQuery(settingsButtons.term.pattern, onTerm);
  admin.callbackQuery(settingsButtons.toggleTet.pattern, onToggleTet);
  return { composer };
}
