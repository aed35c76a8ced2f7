import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { pointCount, type ChartData } from './series';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04'];
const HEIGHT = 220;

/** Days are UTC days: their axis is labelled in UTC, not in the browser's zone. */
const utcDate = (seconds: number): Date => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');

/** A line chart (uPlot on a canvas); the figure says how many values it shows. */
export function Chart({
  title,
  data,
  unit,
  utc = false,
}: {
  title: string;
  data: ChartData;
  unit?: string;
  /** Label the time axis in UTC (per-day charts). */
  utc?: boolean;
}) {
  const target = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        ...(utc ? { tzDate: utcDate } : {}),
        scales: { x: { time: true } },
        axes: [{}, { label: unit, size: 56 }],
        series: [
          {},
          ...data.series.map((s, i) => ({
            label: s.label,
            stroke: COLORS[i % COLORS.length],
            width: 2,
            spanGaps: true,
            points: { show: true, size: 5 },
          })),
        ],
      },
      [data.x, ...data.series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, unit, utc]);

  return (
    <figure className="chart" data-points={pointCount(data)}>
      <figcaption className="chart-title">{title}</figcaption>
      <div ref={target} className="chart-canvas" />
    </figure>
  );
}
