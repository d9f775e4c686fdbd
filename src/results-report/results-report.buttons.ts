import { buttonKind } from '../core/buttons.js';

export const resultsReportButtons = {
  /** /report: the campaign <id>. */
  campaign: buttonKind('rrc', ['id']),
};
