import { randomUUID } from 'node:crypto';
import { unitsInScope } from '../core/unit-scope.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { pickTargets } from '../telegram/pick-targets.js';
import { sendInviteBatch } from './invite-send.feature.js';
import { inviteTargets } from './onboarding.buttons.js';
import { listActiveUnits } from './units.service.js';

export type InvitePickArgs = { locale: string; actorId: number; botUsername: string };

/**
 * /invite → "Chọn đơn vị để mời": the shared target picker (all, all residential, several kinds,
 * by name), then one link per chosen unit, listed, and the printable cards.
 */
export function invitePickConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  return defineConversation<InvitePickArgs>('invite-pick', async (conversation, ctx, { locale, actorId, botUsername }) => {
    const t = translator(i18n, locale);
    const units = await conversation.external(() => listActiveUnits(deps.db));
    const scope = await pickTargets(conversation, ctx, t, { buttons: inviteTargets, prompt: t('invite-pick-prompt'), units });
    if (scope.mode === 'extra') return;
    const chosen = unitsInScope(units, scope);
    const creationKey = await conversation.external(() => `invite-pick:${randomUUID()}`);
    // Sent with the outside context: replies made through the conversation's own are recorded in
    // its stored state, and these carry the codes, which are kept nowhere but in the chat.
    await conversation.external((outside) => sendInviteBatch({ deps, ctx: outside, t, botUsername, actorId }, chosen, { position: 'leader', creationKey }));
  });
}
