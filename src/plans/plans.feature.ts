import { Composer } from 'grammy';
import type { Member } from '../core/member.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { type PlanImportArgs, planImportConversation } from './plan-import.conversation.js';
import { planButtons } from './plans.buttons.js';
import { findImport } from './plans.service.js';

type MemberCtx = BotContext & { member: Member };

/** A text this long, or naming a plan or notice, is a plan being pasted rather than a stray message. */
const PASTE_MIN_LENGTH = 300;
const PLAN_TITLE = /(?:^|\n)\s*(?:KẾ HOẠCH|THÔNG BÁO)\s*(?:\n|$)/u;

export function looksLikePlan(text: string): boolean {
  return text.length >= PASTE_MIN_LENGTH || PLAN_TITLE.test(text);
}

/**
 * Plan in. Admins: /import, or simply send a .docx/.pdf/.txt or paste the plan (outside any
 * dialogue), then review and create.
 */
export function createPlansFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const importPlan = planImportConversation(env);
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');
  const admin = privateChat.filter(hasRole('admin'));

  const enter = async (ctx: MemberCtx, start: PlanImportArgs['start']) =>
    importPlan.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, start });

  admin.command('import', (ctx) => enter(ctx, 'ask'));
  admin.on('message:document', (ctx) => enter(ctx, 'document'));
  admin.on('message:text', async (ctx, next) => (ctx.message.text.startsWith('/') || !looksLikePlan(ctx.message.text) ? next() : enter(ctx, 'paste')));

  // "Tạo tất cả" pressed again after the review ended: say what became of it; never create again.
  admin.callbackQuery(planButtons.create.pattern, async (ctx) => {
    const [messageId] = planButtons.create.unpack(ctx.callbackQuery.data) ?? [0];
    const found = await findImport(deps.db, `plan:${ctx.chat.id}:${messageId}`);
    await answerPress(ctx, { text: ctx.t(found?.completed ? 'plan-already-created' : 'plan-review-over'), showAlert: true });
  });

  return { conversations: [importPlan], composer };
}
