import { buttonKind, choice } from '../core/buttons.js';

/** The input toolkit's own buttons (ask.ts): take the offered text, skip the question, use the date ahead. */
export const askButton = buttonKind('ask', [['accept', 'skip', 'ahead']]);
export const pressedAsk = choice(askButton);
