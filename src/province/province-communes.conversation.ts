import { escapeHtml } from '../core/html.js';
import { createOfficeAdminInvites } from '../onboarding/invites.service.js';
import { sendInviteCards, startLink } from '../onboarding/invite-send.feature.js';
import { askText } from '../telegram/ask.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { parseCommuneLines } from './province-communes.rules.js';
import { addCommunes } from './province.service.js';
import { communeName } from './province.text.js';

export type CommunesArgs = { locale: string; actorId: number; provinceId: number; botUsername: string };

const MAX_PASTE = 4000;

/**
 * Province set-up: the admin pastes the list of communes (as /units takes units); each becomes an
 * office under the province, and each gets one invitation for its first admin: the list of links
 * and the printable PDF of cards, as /invite sends for units.
 */
export function communesConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  return defineConversation<CommunesArgs>('province-communes', async (conversation, ctx, { locale, actorId, provinceId, botUsername }) => {
    const t = translator(i18n, locale);
    let parsed = parseCommuneLines('');
    for (;;) {
      const text = await askText(conversation, ctx, t, { prompt: t('pv-communes-ask'), invalid: t('pv-communes-invalid'), max: MAX_PASTE });
      parsed = parseCommuneLines(text ?? '');
      if (parsed.errors.length === 0 && parsed.communes.length > 0) break;
      const bad = parsed.errors.map((e) => t('pv-communes-bad-line', { lineNo: e.lineNo, line: escapeHtml(e.line.slice(0, 60)) }));
      await ctx.reply([t('pv-communes-invalid'), ...bad].join('\n'), { parse_mode: 'HTML' });
    }
    const { communes } = parsed;
    const key = `communes:${ctx.chat?.id ?? 0}:${ctx.msg?.message_id ?? ctx.update.update_id}`;
    const made = await conversation.external(async () => {
      const offices = await addCommunes(deps.db, deps.clock, { provinceId, actorId, communes });
      await env.office.load(deps.db);
      const batch = await createOfficeAdminInvites(deps.db, deps.clock, { actorId, ttlDays: deps.config.inviteTtlDays, officeIds: offices.map((o) => o.id), creationKey: key });
      return { offices, batch: batch.ok ? { codes: batch.codes, expiresAt: batch.expiresAt.toISOString() } : null };
    });
    if (!made.batch) return ctx.reply(t('invite-batch-again'));
    const codeOf = new Map(made.batch.codes.map((c) => [c.officeId, c.code]));
    const expiresAt = new Date(made.batch.expiresAt);
    const cards = made.offices.map((o) => ({
      unitName: t('pv-commune-office', { name: communeName(t, o) }),
      role: t('invite-as-admin'),
      link: startLink(botUsername, codeOf.get(o.id) ?? ''),
      expiresAt,
    }));
    await sendInviteCards({ deps, ctx, t }, cards, expiresAt, 'pv-communes-added');
  });
}
