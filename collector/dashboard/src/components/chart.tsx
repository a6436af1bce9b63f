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
  /** Formats a day for the axis and the legend. */
  formatDay(day: string): string;
  formatValue(value: number): string;
}

const toSeconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

export function TrendChart(props: TrendProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = props.days.map(toSeconds);
    const data: (number | null)[][] = [xs];
    const series: uPlot.Series[] = [{ value: (_u, v) => (v == null ? '' : props.formatDay(new Date(v * 1000).toISOString().slice(0, 10))) }];
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
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: props.yRange ? { range: () => props.yRange! } : { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 1) * 1.1)] },
      },
      axes: [
        { values: (_u, splits) => splits.map((v) => props.formatDay(new Date(v * 1000).toISOString().slice(0, 10))), stroke: '#4b5563', grid: { stroke: '#e5e7eb' }, ticks: { stroke: '#e5e7eb' } },
        { stroke: '#4b5563', grid: { stroke: '#e5e7eb' }, ticks: { stroke: '#e5e7eb' }, size: 44 },
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
