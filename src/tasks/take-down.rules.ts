import { foldVietnamese } from '../core/fold.js';

/** Words in a title that mean something goes up for the period and must come down after it. */
const PUT_UP = /\b(?:treo co|co to quoc|bang ron|khau hieu|pano|phuon)\b/;

/**
 * Whether a task over a period gets the take-down reminder ("hạ cờ, tháo băng rôn") and its
 * confirmation: flag tasks, and any task whose title hangs flags, banners or slogans.
 */
export function needsTakeDown(task: { template: string | null; title: string }): boolean {
  return task.template === 'flag' || PUT_UP.test(foldVietnamese(task.title));
}
