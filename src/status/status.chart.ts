import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, type Plugin, Title } from 'chart.js';
import type { TaskProgressLine } from './status.service.js';
import { clip } from '../core/text.js';

export const SERIES_KEYS = ['done', 'partial', 'notDone', 'pending'] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

export interface ChartSeries {
  key: SeriesKey;
  label: string;
  color: string;
  values: number[];
}

/** What the picture shows: one stacked bar per task, split done / partly / not yet / pending. */
export interface ProgressChartSpec {
  title: string;
  labels: string[];
  series: ChartSeries[];
}

const COLORS: Record<SeriesKey, string> = { done: '#2e7d32', partial: '#f9a825', notDone: '#c62828', pending: '#9e9e9e' };
const MAX_LABEL = 34;
const WIDTH = 900;
const BAR_HEIGHT = 46;
const CHROME_HEIGHT = 130;
/** DejaVu Sans (shipped by the dejavu-fonts-ttf npm package) has every Vietnamese letter. */
const FONT_FAMILY = 'DejaVu Sans';

const short = (s: string) => clip(s, MAX_LABEL);

/** Pure: the chart's labels and numbers come only from the tasks given (and the legend texts). */
export function progressChartSpec(title: string, tasks: TaskProgressLine[], legend: Record<SeriesKey, string>): ProgressChartSpec {
  return {
    title,
    labels: tasks.map((task) => short(task.title)),
    series: SERIES_KEYS.map((key) => ({ key, label: legend[key], color: COLORS[key], values: tasks.map((task) => task[key]) })),
  };
}

let ready = false;
function setUp(): void {
  if (ready) return;
  const fontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  GlobalFonts.registerFromPath(fontFile, FONT_FAMILY);
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title);
  Chart.defaults.font.family = FONT_FAMILY;
  ready = true;
}

// Telegram shows transparent pixels as black in dark mode: paint the background white first.
const whiteBackground: Plugin<'bar'> = {
  id: 'white-background',
  beforeDraw: (chart) => {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

function chartConfig(spec: ProgressChartSpec): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })),
    },
    options: {
      indexAxis: 'y',
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: { title: { display: true, text: spec.title, font: { size: 18 } }, legend: { position: 'top' } },
      scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
    },
    plugins: [whiteBackground],
  };
}

/** Renders the spec as a PNG with chart.js on a Skia canvas (@napi-rs/canvas; no system libraries). */
export function renderProgressChart(spec: ProgressChartSpec): Buffer {
  setUp();
  const canvas = createCanvas(WIDTH, CHROME_HEIGHT + BAR_HEIGHT * Math.max(1, spec.labels.length));
  const chart = new Chart(canvas.getContext('2d'), chartConfig(spec));
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
