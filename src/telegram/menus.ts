import type { Api } from 'grammy';
import type { LanguageCode } from 'grammy/types';
import type { Member } from '../core/member.js';
import type { Role } from '../core/schema.js';
import type { Translate } from './context.js';

/** The command menu each role sees; descriptions come from `cmd-<name>` in the locale files. */
export const ROLE_COMMANDS: Record<Role | 'stranger', readonly string[]> = {
  stranger: ['start', 'help'],
  leader: ['tasks', 'me', 'help', 'lang', 'cancel'],
  official: ['pending', 'status', 'export', 'report', 'me', 'help', 'lang', 'cancel'],
  admin: ['import', 'newtask', 'tasks', 'pending', 'status', 'export', 'report', 'broadcast', 'broadcasts', 'reminders', 'units', 'invite', 'settings', 'me', 'help', 'lang', 'cancel'],
};

export function commandsFor(role: Role | 'stranger', t: Translate) {
  return ROLE_COMMANDS[role].map((command) => ({ command, description: t(`cmd-${command}`) }));
}

/** Sets the member's own menu (chat scope), called on registration and on a role or language change. */
export async function setMemberMenu(api: Api, member: Member, t: Translate): Promise<void> {
  await api.setMyCommands(commandsFor(member.role, t), { scope: { type: 'chat', chat_id: member.chatId } });
}

/** The menu strangers see, in every language Telegram may ask for. */
export async function setDefaultMenus(api: Api, tFor: (locale: string) => Translate, locales: readonly LanguageCode[], defaultLocale: string): Promise<void> {
  await api.setMyCommands(commandsFor('stranger', tFor(defaultLocale)));
  for (const locale of locales.filter((l) => l !== defaultLocale)) {
    await api.setMyCommands(commandsFor('stranger', tFor(locale)), { language_code: locale });
  }
}
