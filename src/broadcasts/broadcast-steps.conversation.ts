import { type Context, InlineKeyboard } from 'grammy';
import type { BroadcastContent, BroadcastTarget } from '../core/schema.js';
import { listActiveUnits } from '../onboarding/units.service.js';
import { answerPress, askChoice, askDateTime, waitInput } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import { pickTargets } from '../telegram/pick-targets.js';
import type { UnitScope } from '../core/unit-scope.js';
import type { BotConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { MAX_TEXT } from '../telegram/split.js';
import { broadcastTargets, STAFF_TARGETS, WHEN_CHOICES, whenButton } from './broadcasts.buttons.js';
import { choice } from '../core/buttons.js';
import { resolveRecipients } from './broadcasts.queries.js';
import type { Repeat } from './broadcasts.service.js';

const MAX_CAPTION = 1024;

/** A text, a photo with its caption, or a document with its caption; anything else is explained. */
export async function stepContent(conversation: BotConversation, ctx: Context, t: Translate): Promise<BroadcastContent> {
  await ctx.reply(t('bc-ask-content'));
  for (;;) {
    const input = await waitInput(conversation);
    await answerPress(input);
    const m = input.message;
    const caption = m?.caption ?? '';
    const photo = m?.photo?.at(-1);
    if (photo && caption.length <= MAX_CAPTION) return { kind: 'photo', fileId: photo.file_id, text: caption };
    if (m?.document && caption.length <= MAX_CAPTION) return { kind: 'document', fileId: m.document.file_id, text: caption };
    const text = m?.text?.trim();
    if (text && text.length <= MAX_TEXT) return { kind: 'text', text };
    await input.reply(t(text ? 'bc-content-too-long' : 'bc-content-invalid'));
  }
}

/** Who receives it; asked again while the choice reaches nobody. Returns the target and its recipient count. */
export async function stepTarget(env: FeatureEnv, conversation: BotConversation, ctx: Context, t: Translate): Promise<{ target: BroadcastTarget; count: number }> {
  const units = await conversation.external(() => listActiveUnits(env.deps.db));
  const extra = STAFF_TARGETS.map((mode) => ({ label: t(`bc-target-${mode}`), value: mode }));
  for (;;) {
    const scope = await pickTargets(conversation, ctx, t, { buttons: broadcastTargets, prompt: t('bc-ask-target'), units, extra });
    const target = toTarget(scope);
    const count = await conversation.external(async () => (await resolveRecipients(env.deps.db, target)).length);
    if (count > 0) return { target, count };
    await ctx.reply(t('bc-no-recipients'));
  }
}

function toTarget(scope: UnitScope | { mode: 'extra'; value: string }): BroadcastTarget {
  if (scope.mode === 'extra') return { mode: scope.value === 'everyone' ? 'everyone' : 'officials' };
  if (scope.mode === 'all') return { mode: 'all-units' };
  if (scope.mode === 'kinds') return { mode: 'kinds', kinds: scope.kinds };
  return { mode: 'pick', unitIds: scope.unitIds };
}

/** Now, at a date and time, or repeating daily/weekly from a first date and time. */
export async function stepWhen(env: FeatureEnv, conversation: BotConversation, ctx: Context, t: Translate): Promise<{ sendAt: Date | null; repeat: Repeat }> {
  const kb = new InlineKeyboard();
  for (const w of WHEN_CHOICES) kb.text(t(`bc-when-${w}`), whenButton.pack(w)).row();
  const when = (await askChoice(conversation, ctx, t, t('bc-ask-when'), kb, choice(whenButton))).value;
  if (when === 'now') return { sendAt: null, repeat: null };
  const opts = { zone: env.deps.config.timezone, clock: env.deps.clock };
  const repeat: Repeat = when === 'daily' || when === 'weekly' ? when : null;
  const sendAt = await askDateTime(conversation, ctx, t, t(repeat ? 'bc-ask-first' : 'bc-ask-at'), opts);
  return { sendAt, repeat };
}
