import type { Member } from '../core/member.js';
import type { Role } from '../core/schema.js';
import type { BotContext } from './context.js';

/** Filter predicate: the sender is a member with one of these roles. */
export function hasRole(...roles: Role[]) {
  return <C extends BotContext>(ctx: C): ctx is C & { member: Member } => !!ctx.member && roles.includes(ctx.member.role);
}
