import { buttonKind } from '../core/buttons.js';

/**
 * The take-down confirmation after a period ("Đã hạ cờ, tháo băng rôn"): "tdn:<taskId>:<unitId>".
 * The take-down reminder carries one per unit of the reader that has not confirmed yet.
 */
export const takeDownButton = buttonKind('tdn', ['id', 'id']);
