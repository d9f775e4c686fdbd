import { buttonKind } from '../core/buttons.js';

const TERMS = ['khoi', 'to-dan-pho', 'thon', 'ban', 'ap', 'khom'] as const;

/** /settings: open the term choice, choose a term, toggle the Tết pause. */
export const settingsButtons = {
  chooseTerm: buttonKind('st:term', []),
  term: buttonKind('st:t', [TERMS]),
  toggleTet: buttonKind('st:tet', []),
};
