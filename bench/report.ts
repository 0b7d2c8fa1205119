import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineFacts } from './machine';
import type { BenchOptions } from './options';
import type { LatencySummary } from './stats';

/** One line of the results table: our figure, the bare-engine baseline beside it, and their ratio. */
export interface Row {
  metric: string;
  unit: string;
  ours: number;
  baseline?: number;
  /** ours / baseline unless given explicitly. */
  ratio?: number;
  /** A target on the ratio, e.g. '>= 0.70' or '<= 1.5'. */
  target?: string;
}

type Percentile = 'p50' | 'p95' | 'p99';

/** One row per percentile (in ms), our latency against the baseline's; `metric` names each row. */
export function latencyRows(
  metric: (percentile: Percentile) => string,
  ours: LatencySummary,
  baseline: LatencySummary | undefined,
  percentiles: readonly Percentile[] = ['p50', 'p95'],
): Row[] {
  return percentiles.map((p) => ({ metric: metric(p), unit: 'ms', ours: ours[p], baseline: baseline?.[p] }));
}

export interface PhaseReport {
  phase: number;
  title: string;
  rows: Row[];
  notes: string[];
  /** Raw figures for the JSON file. */
  data: unknown;
}

const fmt = (value: number | undefined, unit = ''): string => {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

export function rowRatio(row: Row): number | undefined {
  if (row.ratio !== undefined) return row.ratio;
  return row.baseline === undefined ? undefined : row.baseline > 0 ? row.ours / row.baseline : Number.NaN;
}

/** 'met', 'MISSED' or '' for a row's target. */
export function verdict(row: Row): string {
  const value = rowRatio(row);
  const match = row.target ? /^(>=|<=)\s*([\d.]+)$/.exec(row.target) : null;
  if (!match || value === undefined || !Number.isFinite(value)) return '';
  const limit = Number(match[2]);
  return (match[1] === '>=' ? value >= limit : value <= limit) ? 'met' : 'MISSED';
}

function table(headers: string[], lines: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...lines.map((line) => line[column].length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [render(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(render)].join('\n');
}

export function renderReport(machine: MachineFacts, command: string, phases: PhaseReport[], stack?: string): string {
  const out: string[] = [
    `ROCU Gateway benchmark, ${machine.date}`,
    `machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, node ${machine.node}`,
    `command: ${command}`,
    ...(stack ? [`stack: ${stack}`] : []),
    '',
  ];
  for (const phase of phases) {
    out.push(`${phase.phase}. ${phase.title}`);
    const lines = phase.rows.map((row) => [
      row.metric,
      fmt(row.ours, row.unit),
      fmt(row.baseline, row.unit),
      row.baseline === undefined && row.ratio === undefined ? '' : `${fmt(rowRatio(row))}x`,
      row.target ?? '',
      verdict(row),
    ]);
    out.push(table(['metric', 'ours', 'baseline', 'ratio', 'target', ''], lines));
    for (const note of phase.notes) out.push(note.startsWith(' ') ? `    ${note.trimStart()}` : `  - ${note}`);
    out.push('');
  }
  return out.join('\n');
}

/**
 * The rows measured on both Temporal engines, side by side: our figure on each and server / dev (the ratio
 * column of each run stays in its own report).
 */
export function renderEngineComparison(runs: { engine: string; reports: PhaseReport[] }[]): string {
  const [first, second] = runs;
  const rowsOf = (reports: PhaseReport[]) =>
    new Map(reports.flatMap((phase) => phase.rows.map((row) => [`${phase.phase}|${row.metric}`, row] as const)));
  const other = rowsOf(second.reports);
  const lines = [...rowsOf(first.reports)].flatMap(([key, row]) => {
    const match = other.get(key);
    if (!match) return [];
    return [[row.metric, fmt(row.ours, row.unit), fmt(match.ours, match.unit), `${fmt(match.ours / row.ours)}x`]];
  });
  return [
    `Temporal engines compared (ours on each; ${second.engine} / ${first.engine})`,
    table(['metric', first.engine, second.engine, 'ratio'], lines),
  ].join('\n');
}

export function writeResults(
  dir: string,
  payload: {
    machine: MachineFacts;
    command: string;
    stack?: string;
    temporal: string;
    options: BenchOptions;
    phases: PhaseReport[];
  },
): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${payload.machine.date.replace(/[:.]/g, '-')}-${payload.temporal}.json`);
  const targets = payload.phases.flatMap((phase) =>
    phase.rows
      .filter((row) => row.target)
      .map((row) => ({
        phase: phase.phase,
        metric: row.metric,
        ratio: rowRatio(row),
        target: row.target,
        verdict: verdict(row),
      })),
  );
  writeFileSync(file, `${JSON.stringify({ ...payload, targets }, null, 2)}\n`);
  return file;
}
