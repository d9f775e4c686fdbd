import { buttonKind } from '../core/buttons.js';
import { targetPickerButtons } from '../telegram/pickers.buttons.js';

/** A task typed in one message: the preview's create / change the deadline / change the units / cancel. */
export const quickConfirmButton = buttonKind('qt', [['yes', 'due', 'units', 'no']]);
/** Who the typed task is for, when the message named nobody. */
export const quickTargets = targetPickerButtons('qu');
