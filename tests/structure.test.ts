import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportGraph, importCycles, readImportGraph, upwardImports } from './support/import-graph.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The edge and the core: they serve every slice and import none (shared/STYLE.md, "Compose from the top"). */
const LOWER = ['core', 'calendar', 'telegram'] as const;
const graph = readImportGraph(ROOT);
const n = (path: string) => normalize(path);

describe('the shape of src/', () => {
  it('when the imports are read, then the graph is the real one (files, edges, the composition root on top)', () => {
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    expect(graph.size).toBeGreaterThan(200);
    expect(edges).toBeGreaterThan(800);
    // Type-only and re-exports count too: the root reaches the slices, the slices reach the edge.
    expect(graph.get(n('src/bot.ts'))).toContain(n('src/reports/reports.feature.ts'));
    expect(graph.get(n('src/app.ts'))).toContain(n('src/bot.ts'));
    expect(graph.get(n('src/reports/report.dialogue.ts'))).toContain(n('src/telegram/hot-dialogue.ts'));
  });

  it('when core/, calendar/ and telegram/ are read, then none of them imports a slice or the composition root', () => {
    expect(upwardImports(graph, LOWER)).toEqual([]);
  });

  it('when every module under src/ is read, then no import circle exists', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('when a graph has an upward import and circles, then the checks name them', () => {
    const synthetic: ImportGraph = new Map([
      [n('src/telegram/bot.ts'), [n('src/reports/reports.feature.ts'), n('src/telegram/context.ts'), n('src/config.ts')]],
      [n('src/telegram/context.ts'), [n('src/core/db.ts'), n('src/telegram/ask.ts')]],
      [n('src/telegram/ask.ts'), [n('src/telegram/pager.ts')]],
      [n('src/telegram/pager.ts'), [n('src/telegram/context.ts')]],
      [n('src/core/db.ts'), [n('src/main.ts')]],
      [n('src/calendar/lunar.ts'), [n('src/calendar/lunar.ts')]],
      [n('src/reports/reports.feature.ts'), [n('src/reports/reports.service.ts'), n('src/core/db.ts')]],
      [n('src/reports/reports.service.ts'), [n('src/reports/reports.feature.ts')]],
      [n('src/main.ts'), []],
      [n('src/config.ts'), []],
    ]);
    expect(upwardImports(synthetic, LOWER)).toEqual([
      `${n('src/telegram/bot.ts')} -> ${n('src/reports/reports.feature.ts')}`,
      `${n('src/core/db.ts')} -> ${n('src/main.ts')}`,
    ]);
    const cycles = importCycles(synthetic);
    expect(cycles).toContainEqual([n('src/calendar/lunar.ts')]);
    expect(cycles).toContainEqual([n('src/reports/reports.feature.ts'), n('src/reports/reports.service.ts')]);
    expect(cycles).toContainEqual([n('src/telegram/ask.ts'), n('src/telegram/context.ts'), n('src/telegram/pager.ts')]);
    expect(cycles).toHaveLength(3);
  });
});
