import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/** Module → the modules it imports (paths relative to the repo root, `src/…/x.ts`). */
export type ImportGraph = Map<string, string[]>;

/**
 * Reads every `.ts` file under `dir` with the TypeScript compiler's own import scanner
 * (`import`, `import type`, `export … from`, `import()`), keeping the relative imports that
 * resolve to a file of the tree.
 */
export function readImportGraph(root: string, dir = 'src'): ImportGraph {
  const files = readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => normalize(join(dir, f)));
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts'))
      .map((target) => (target.endsWith('.ts') ? target : `${target}.ts`))
      .filter((target) => existsSync(join(root, target)));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The folder under src/ a module belongs to ('' for src/app.ts, src/bot.ts, …). */
export function folderOf(file: string): string {
  const parts = relative('src', file).split(/[\\/]/);
  return parts.length > 1 ? parts[0]! : '';
}

/**
 * Imports from the edge (`lower` folders) up into anything else: a slice, or the composition
 * root (src/app.ts, src/bot.ts, src/main.ts). src/config.ts is below everything, and so is what
 * lies outside src/ (migrations/, frozen in time, import no app code).
 */
export function upwardImports(graph: ImportGraph, lower: readonly string[]): string[] {
  const inSrc = (file: string) => !relative('src', file).startsWith('..');
  const isLower = (file: string) => !inSrc(file) || lower.includes(folderOf(file)) || file === normalize('src/config.ts');
  const found: string[] = [];
  for (const [from, targets] of graph) {
    if (!lower.includes(folderOf(from))) continue;
    for (const to of targets) if (!isLower(to)) found.push(`${from} -> ${to}`);
  }
  return found;
}

/** The import cycles: strongly connected groups of more than one module, or a module importing itself (Tarjan). */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
