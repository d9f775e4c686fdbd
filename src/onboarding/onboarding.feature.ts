import { type CallbackQueryContext, type ChatTypeContext, type CommandContext, Composer, type Filter, InlineKeyboard } from 'grammy';
import type { User } from 'grammy/types';
import { listMemberUnits, type Member } from '../core/member.js';
import { inOffice } from '../core/office-scope.js';
import type { Position } from '../core/schema.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { translator } from '../telegram/i18n.js';
import { commandsFor, setMemberMenu } from '../telegram/menus.js';
import { termKeyboard } from '../settings/settings.feature.js';
import { joinedAsLabel } from './invite-roles.js';
import { isInviteCodeShape, type JoinedUnit, redeemInvite } from './invites.service.js';
import { announceOpenTasksToNewcomer } from './newcomer.service.js';
import { ensureConfiguredAdmin, type Newcomer, setMemberLocale, setReachability } from './members.service.js';
import { languageButton } from './onboarding.buttons.js';

type PrivateCommand = CommandContext<ChatTypeContext<BotContext, 'private'>>;
type MemberContext = BotContext & { member: Member };

export function newcomerFrom(user: User, chatId: number): Newcomer {
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.username || String(user.id);
  return { telegramId: user.id, chatId, displayName, username: user.username ?? null };
}

/** Blocking the bot makes a member unreachable; unblocking makes them active again. */
const onChatMemberChange =
  ({ deps }: FeatureEnv) =>
  async (ctx: Filter<BotContext, 'my_chat_member'>) => {
    if (ctx.chat.type !== 'private') return;
    const status = ctx.myChatMember.new_chat_member.status;
    const next = status === 'kicked' ? 'unreachable' : status === 'member' ? 'active' : null;
    if (next && (await setReachability(deps.db, deps.clock, ctx.myChatMember.from.id, next))) {
      deps.logger.info({ telegramId: ctx.myChatMember.from.id, status: next }, 'member reachability changed');
    }
  };

/** The welcome of someone who just became admin; while the office has not named its residential units, the first-run question with it. */
async function welcomeAdmin({ deps, office }: FeatureEnv, ctx: BotContext, key: 'start-admin' | 'start-joined-admin', name: string) {
  const settings = await office.ensureLoaded(deps.db);
  const text = ctx.t(key, { name });
  if (settings.residentialTerm !== null) return ctx.reply(text);
  const t: Translate = (k, vars) => ctx.t(k, vars);
  await ctx.reply(`${text}\n\n${ctx.t('start-first-run-term')}`, { reply_markup: termKeyboard(t) });
}

/** The open tasks of the unit, announced to someone who joins it after they were sent. */
async function catchUpNewcomer({ deps }: FeatureEnv, ctx: BotContext, member: Member, unit: JoinedUnit) {
  const t: Translate = (k, vars) => ctx.t(k, vars);
  const queued = await announceOpenTasksToNewcomer({ ...deps, zone: deps.config.timezone }, t, { memberId: member.id, chatId: member.chatId, locale: member.locale }, unit);
  if (queued > 0) deps.logger.info({ memberId: member.id, unitId: unit.id, queued }, 'open tasks announced to a newcomer');
}

/** /start <code>: the invitation (or the setup link) makes the newcomer a member, in their unit, with their menu. */
async function joinWithInvite(env: FeatureEnv, ctx: BotContext, who: Newcomer, code: string) {
  if (!isInviteCodeShape(code)) return ctx.reply(ctx.t('invite-unknown'));
  const result = await redeemInvite(env.deps.db, env.deps.clock, code, who);
  if (!result.ok) return ctx.reply(ctx.t(`invite-${result.reason}`));
  const { member, unit, position } = result;
  // The newcomer's office (the invite's) from here on: its texts, and every query scoped by it.
  await inOffice(member.officeId, async () => {
    await becomeMember(env, ctx, member);
    await welcomeJoined(env, ctx, who, { member, unit, position });
  });
}

/** The rest of the update as the member just registered. */
async function becomeMember(env: FeatureEnv, ctx: BotContext, member: Member) {
  ctx.member = member;
  ctx.office = (await env.office.find(env.deps.db, member.officeId)) ?? null;
  await ctx.i18n.renegotiateLocale();
}

async function welcomeJoined(env: FeatureEnv, ctx: BotContext, who: Newcomer, joined: { member: Member; unit: JoinedUnit | null; position: Position | null }) {
  const { member, unit, position } = joined;
  if (member.role === 'admin') await welcomeAdmin(env, ctx, 'start-joined-admin', who.displayName);
  else if (unit && position) {
    await ctx.reply(ctx.t('start-joined-leader', { name: who.displayName, unit: unit.name, position: joinedAsLabel(ctx.t, position, unit.kind) }));
  } else await ctx.reply(ctx.t(`start-joined-${member.role}`, { name: who.displayName, unit: '', position: '' }));
  await setMemberMenu(ctx.api, member, ctx.t);
  if (unit && position) await catchUpNewcomer(env, ctx, member, unit);
}

/** /start from someone listed in ADMIN_IDS: an admin; the menu changes only when the role does. */
async function startAsConfiguredAdmin(env: FeatureEnv, ctx: BotContext, who: Newcomer) {
  const { member, changed } = await ensureConfiguredAdmin(env.deps.db, env.deps.clock, who);
  await inOffice(member.officeId, async () => {
    await becomeMember(env, ctx, member);
    await welcomeAdmin(env, ctx, 'start-admin', member.displayName);
    if (changed) await setMemberMenu(ctx.api, member, ctx.t);
  });
}

const onStart = (env: FeatureEnv) => async (ctx: PrivateCommand) => {
  const who = newcomerFrom(ctx.from, ctx.chat.id);
  const code = ctx.match.trim();
  if (code) return joinWithInvite(env, ctx, who, code);
  if (env.deps.config.adminIds.includes(ctx.from.id)) return startAsConfiguredAdmin(env, ctx, who);
  if (ctx.member) return ctx.reply(ctx.t('start-welcome-back', { name: ctx.member.displayName, role: ctx.t(`role-${ctx.member.role}`) }));
  return ctx.reply(ctx.t('start-stranger'));
};

const onHelp = (ctx: BotContext) => {
  if (!ctx.member) return ctx.reply(ctx.t('help-stranger'));
  const lines = commandsFor(ctx.member.role, ctx.t).map((c) => ctx.t('help-line', { ...c }));
  const plan = ctx.member.role === 'admin' ? [ctx.t('help-admin-plan')] : [];
  return ctx.reply([ctx.t('help-header'), ...lines, ...plan].join('\n'));
};

/** /me: who the bot thinks you are, and which units you report for. */
const onMe =
  ({ deps }: FeatureEnv) =>
  async (ctx: MemberContext) => {
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
  };

const onLang = (ctx: MemberContext) => {
  const kb = new InlineKeyboard().text(ctx.t('lang-name-vi'), languageButton.pack('vi')).text(ctx.t('lang-name-en'), languageButton.pack('en'));
  return ctx.reply(ctx.t('lang-choose'), { reply_markup: kb });
};

/** The language picked: stored, this reply and the command menu already in it. */
const onLanguageButton =
  ({ deps, i18n }: FeatureEnv) =>
  async (ctx: CallbackQueryContext<MemberContext>) => {
    const pressed = languageButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    const [locale] = pressed;
    await setMemberLocale(deps.db, deps.clock, ctx.member.id, locale);
    ctx.member = { ...ctx.member, locale };
    await ctx.i18n.renegotiateLocale();
    await answerPress(ctx);
    await ctx.editMessageText(ctx.t('lang-set'));
    await setMemberMenu(ctx.api, ctx.member, translator(i18n, locale));
  };

/** /start (invites, the setup link and ADMIN_IDS), /help, /me, /lang and block/unblock tracking. Runs for everyone. */
export function createOnboardingFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  composer.on('my_chat_member', onChatMemberChange(env));
  const privateChat = composer.chatType('private');
  privateChat.command('start', onStart(env));
  privateChat.command('help', onHelp);
  const members = privateChat.filter(hasRole('admin', 'official', 'leader'));
  members.command('me', onMe(env));
  members.command('lang', onLang);
  members.callbackQuery(languageButton.pattern, onLanguageButton(env));
  return { composer };
}
