import { Composer } from 'grammy';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';

/**
 * Admins and officials get the dashboard as their chat's menu button (a Mini App), set once per
 * process on their first message or press; nothing when DASHBOARD_URL is unset.
 */
export function createDashboardFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const url = env.deps.config.dashboardUrl;
  if (!url) return { composer };
  const done = new Set<number>();
  composer.filter(hasRole('official', 'admin')).use(async (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (chatId !== undefined && !done.has(chatId)) {
      done.add(chatId);
      const menu_button = { type: 'web_app' as const, text: ctx.t('db-menu-button'), web_app: { url } };
      await ctx.api.setChatMenuButton({ chat_id: chatId, menu_button }).catch((error: unknown) => {
        done.delete(chatId);
        env.deps.logger.warn({ err: error }, 'could not set the dashboard menu button');
      });
    }
    await next();
  });
  return { composer };
}
