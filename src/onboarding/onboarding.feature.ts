import { Composer, InlineKeyboard } from 'grammy';
import type { User } from 'grammy/types';
import { listMemberUnits } from '../core/member.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { isLocale, translator } from '../telegram/i18n.js';
import { commandsFor, setMemberMenu } from '../telegram/menus.js';
import { isInviteCodeShape, type Newcomer, redeemInvite } from './invites.service.js';
import { ensureConfiguredAdmin, setMemberLocale, setReachability } from './members.service.js';

export function newcomerFrom(user: User, chatId: number): Newcomer {
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.username || String(user.id);
  return { telegramId: user.id, chatId, displayName, username: user.username ?? null };
}

/** /start (invites and ADMIN_IDS), /help, /me, /lang and block/unblock tracking. Runs for everyone. */
export function createOnboardingFeature(env: FeatureEnv): Feature {
  const { deps, i18n } = env;
  const composer = new Composer<BotContext>();

  composer.on('my_chat_member', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const status = ctx.myChatMember.new_chat_member.status;
    const next = status === 'kicked' ? 'unreachable' : status === 'member' ? 'active' : null;
    if (next && (await setReachability(deps.db, deps.clock, ctx.myChatMember.from.id, next))) {
      deps.logger.info({ telegramId: ctx.myChatMember.from.id, status: next }, 'member reachability changed');
    }
  });

  const privateChat = composer.chatType('private');

  privateChat.command('start', async (ctx) => {
    const who = newcomerFrom(ctx.from, ctx.chat.id);
    const payload = ctx.match.trim();
    if (payload) {
      if (!isInviteCodeShape(payload)) return ctx.reply(ctx.t('invite-unknown'));
      const result = await redeemInvite(deps.db, deps.clock, payload, who);
      if (!result.ok) return ctx.reply(ctx.t(`invite-${result.reason}`));
      ctx.member = result.member;
      await ctx.i18n.renegotiateLocale();
      const key = result.unitName ? 'start-joined-leader' : `start-joined-${result.member.role}`;
      const position = ctx.t(`position-${result.position ?? 'leader'}`);
      await ctx.reply(ctx.t(key, { name: who.displayName, unit: result.unitName ?? '', position }));
      await setMemberMenu(ctx.api, result.member, ctx.t);
      return;
    }
    if (deps.config.adminIds.includes(ctx.from.id)) {
      const { member, changed } = await ensureConfiguredAdmin(deps.db, deps.clock, who);
      ctx.member = member;
      await ctx.reply(ctx.t('start-admin', { name: member.displayName }));
      if (changed) await setMemberMenu(ctx.api, member, ctx.t);
      return;
    }
    if (ctx.member) {
      return ctx.reply(ctx.t('start-welcome-back', { name: ctx.member.displayName, role: ctx.t(`role-${ctx.member.role}`) }));
    }
    return ctx.reply(ctx.t('start-stranger'));
  });

  privateChat.command('help', async (ctx) => {
    if (!ctx.member) return ctx.reply(ctx.t('help-stranger'));
    const lines = commandsFor(ctx.member.role, ctx.t).map((c) => ctx.t('help-line', { ...c }));
    return ctx.reply([ctx.t('help-header'), ...lines].join('\n'));
  });

  const members = privateChat.filter(hasRole('admin', 'official', 'leader'));

  members.command('me', async (ctx) => {
    const units = await listMemberUnits(deps.db, ctx.member.id);
    const info = ctx.t('me-info', {
      name: ctx.member.displayName,
      role: ctx.t(`role-${ctx.member.role}`),
      status: ctx.t(`status-${ctx.member.status}`),
      locale: await ctx.i18n.getLocale(),
    });
    const unitLine = units.length
      ? ctx.t('me-units', { units: units.map((u) => `${u.unitName} (${ctx.t(`position-${u.position}`)})`).join(', ') })
      : ctx.t('me-no-units');
    return ctx.reply(`${info}\n${unitLine}`);
  });

  members.command('lang', (ctx) =>
    ctx.reply(ctx.t('lang-choose'), { reply_markup: new InlineKeyboard().text(ctx.t('lang-name-vi'), 'lang:vi').text(ctx.t('lang-name-en'), 'lang:en') }),
  );

  members.callbackQuery(/^lang:(vi|en)$/, async (ctx) => {
    const locale = ctx.match[1];
    if (!isLocale(locale)) return;
    await setMemberLocale(deps.db, deps.clock, ctx.member.id, locale);
    ctx.member = { ...ctx.member, locale };
    await ctx.i18n.renegotiateLocale();
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t('lang-set'));
    await setMemberMenu(ctx.api, ctx.member, translator(i18n, locale));
  });

  return { composer };
}
