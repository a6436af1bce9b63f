// A trend over time with uPlot: the value as a line, its 95% interval as a band, and the change
// markers as labelled vertical rules. The canvas is hidden from assistive technology: each chart
// comes with its figures as a table (see FiguresTable), which is the text alternative.
import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { styled } from './ui';

export interface TrendSeries {
  label: string;
  values: (number | null)[];
  low?: (number | null)[];
  high?: (number | null)[];
  color: string;
}

export interface TrendProps {
  /** Bucket starts, YYYY-MM-DD. */
  days: string[];
  series: TrendSeries[];
  yRange?: [number, number];
  markers?: { date: string; label: string }[];
  /** Bars instead of a line (counts). */
  bars?: boolean;
  height?: number;
  /** Formats a day for the table and the cursor. */
  formatDay(day: string): string;
  /** Formats a day under the axis, shorter, knowing how many days the chart spans. */
  formatTick?(day: string, spanDays: number): string;
  formatValue(value: number): string;
}

const toSeconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const isoDay = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
/** uPlot's axis font, to measure the labels with. */
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
let measurer: CanvasRenderingContext2D | null = null;
function textWidth(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = AXIS_FONT;
  return measurer.measureText(text).width;
}

export function TrendChart(props: TrendProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = props.days.map(toSeconds);
    const first = xs[0] ?? 0;
    const last = xs[xs.length - 1] ?? first;
    const spanDays = (last - first) / 86_400;
    const tick = (seconds: number) => (props.formatTick ?? ((d: string) => props.formatDay(d)))(isoDay(seconds), spanDays);
    // Ticks far enough apart for their labels never to touch, whatever the language and width.
    const widest = Math.max(...[first, (first + last) / 2, last].map((x) => textWidth(tick(x))));
    // Bars are centred on their period: half a period of room on each side keeps the first and last whole.
    const half = props.bars && xs.length > 1 ? (xs[1]! - xs[0]!) / 2 : props.bars ? 43_200 : 0;
    const data: (number | null)[][] = [xs];
    const series: uPlot.Series[] = [{ value: (_u, v) => (v == null ? '' : props.formatDay(isoDay(v))) }];
    const bands: uPlot.Band[] = [];
    for (const s of props.series) {
      const index = data.length;
      data.push(s.values);
      series.push({
        label: s.label,
        stroke: s.color,
        width: 2,
        spanGaps: false,
        points: { show: props.days.length <= 40 },
        value: (_u, v) => (v == null ? '–' : props.formatValue(v)),
        ...(props.bars && { paths: uPlot.paths.bars!({ size: [0.7, 40] }), fill: `${s.color}cc`, points: { show: false } }),
      });
      if (s.low && s.high) {
        data.push(s.high, s.low);
        series.push({ label: `${s.label} ↑`, stroke: 'transparent', points: { show: false }, value: (_u, v) => (v == null ? '–' : props.formatValue(v)) });
        series.push({ label: `${s.label} ↓`, stroke: 'transparent', points: { show: false }, value: (_u, v) => (v == null ? '–' : props.formatValue(v)) });
        bands.push({ series: [index + 1, index + 2], fill: `${s.color}22` });
      }
    }
    const markers = (props.markers ?? []).map((m) => ({ x: toSeconds(m.date), label: m.label }));
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height: props.height ?? 240,
      series,
      bands,
      legend: { show: false },
      // Days are UTC midnights: ticks on the same clock, not the reader's zone (a month would start the day before).
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      // Room on the right for the last label, centred on its tick.
      padding: [12, Math.ceil(widest / 2), 0, 0],
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: half ? { time: true, range: () => [first - half, last + half] } : { time: true },
        y: props.yRange ? { range: () => props.yRange! } : { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 1) * 1.1)] },
      },
      axes: [
        {
          // Ticks on the periods themselves (under the bars, on the points), far enough apart that labels never touch.
          // Beyond a few months the labels are months: the first period of each month.
          splits: (u) => {
            const candidates = spanDays <= 120 ? xs : xs.filter((x, i) => i === 0 || isoDay(x).slice(0, 7) !== isoDay(xs[i - 1]!).slice(0, 7));
            const kept: number[] = [];
            for (const x of candidates) {
              const last = kept[kept.length - 1];
              if (last === undefined || u.valToPos(x, 'x') - u.valToPos(last, 'x') >= widest + 16) kept.push(x);
            }
            return kept;
          },
          values: (_u, splits) => splits.map(tick), font: AXIS_FONT, stroke: '#4b5563', grid: { stroke: '#e5e7eb' }, ticks: { stroke: '#e5e7eb' } },
        { values: (_u, splits) => splits.map((v) => props.formatValue(v)), font: AXIS_FONT, stroke: '#4b5563', grid: { stroke: '#e5e7eb' }, ticks: { stroke: '#e5e7eb' }, size: 52 },
      ],
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
            ctx.fillStyle = '#92400e';
            ctx.strokeStyle = '#d97706';
            ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
            for (const m of markers) {
              const x = Math.round(u.valToPos(m.x, 'x', true));
              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              const text = m.label.length > 28 ? `${m.label.slice(0, 27)}…` : m.label;
              const w = ctx.measureText(text).width;
              ctx.fillText(text, Math.min(x + 4 * devicePixelRatio, u.bbox.left + u.bbox.width - w), u.bbox.top + 12 * devicePixelRatio);
            }
            ctx.restore();
          },
        ],
      },
    };
    plot.current?.destroy();
    plot.current = new uPlot(opts, data as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height: props.height ?? 240 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [props.days, props.series, props.markers, props.yRange?.[0], props.yRange?.[1]]);
  return <div class="chart" ref={box} aria-hidden="true" />;
}

/** The key of a chart: what each colour stands for, in words. */
export function Legend({ items }: { items: { label: string; color: string; band?: string }[] }) {
  return (
    <ul class="legend">
      {items.map((i) => (
        <li key={i.label}>
          <span class="swatch" data-color={i.color} ref={styled('background', i.color)} />
          {i.label}
          {i.band && <span class="band-note"> {i.band}</span>}
        </li>
      ))}
    </ul>
  );
}
