import type { SimUser } from './fake-telegram-user.js';

/** Sends a text and returns the bot's next message text: one step of a dialogue, as a person takes it. */
export async function say(user: SimUser, text: string): Promise<string> {
  user.sendText(text);
  return (await user.nextMessage()).text;
}

/** Presses a button and returns the bot's next message text. */
export async function press(user: SimUser, label: string | RegExp): Promise<string> {
  user.pressButton(label);
  return (await user.nextMessage()).text;
}

/** How many messages and taps the person made so far (the cost of a flow). */
export function actionsOf(user: SimUser): number {
  return user.transcript().filter((e) => e.from === 'user').length;
}
