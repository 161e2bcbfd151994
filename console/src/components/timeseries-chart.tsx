// The 30-day report as a hand-written SVG line chart: opened, resolved and breached per UTC day.
import type { TimeseriesPoint } from '../types';

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 16, right: 16, bottom: 28, left: 36 };
const SERIES = [
  { key: 'opened', label: 'Opened', class: 'series-opened' },
  { key: 'resolved', label: 'Resolved', class: 'series-resolved' },
  { key: 'breached', label: 'Breached', class: 'series-breached' },
] as const;

/** A round upper bound for the y axis: 4 → 4, 7 → 8, 23 → 25, 130 → 150. */
function niceMax(value: number): number {
  if (value <= 4) return Math.max(1, value);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((f) => f * magnitude >= value)!;
  return step * magnitude;
}

export function TimeseriesChart({ points }: { points: TimeseriesPoint[] }) {
  const max = niceMax(Math.max(0, ...points.flatMap((p) => [p.opened, p.resolved, p.breached])));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length > 1 ? (i * innerW) / (points.length - 1) : innerW / 2);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const ticks = [0, max / 2, max].filter((v, i, all) => all.indexOf(v) === i);
  const totals = SERIES.map((s) => `${s.label} ${points.reduce((sum, p) => sum + p[s.key], 0)}`).join(', ');

  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Tickets per day over the last ${points.length} days: ${totals}`}
        data-days={points.length}
      >
        {ticks.map((v) => (
          <g key={v} class="grid">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {Number.isInteger(v) ? v : v.toFixed(1)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % 5 === (points.length - 1) % 5 ? (
            <text key={p.date} class="axis-label" x={x(i)} y={HEIGHT - 8} text-anchor="middle">
              {p.date.slice(5)}
            </text>
          ) : null,
        )}
        {SERIES.map((s) => (
          <g key={s.key} class={s.class}>
            <polyline fill="none" points={points.map((p, i) => `${x(i)},${y(p[s.key])}`).join(' ')} />
            {points.map((p, i) => (
              <circle key={p.date} cx={x(i)} cy={y(p[s.key])} r={p[s.key] ? 3 : 1.5}>
                <title>{`${p.date}: ${p[s.key]} ${s.label.toLowerCase()}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption class="legend">
        {SERIES.map((s) => (
          <span key={s.key} class={`legend-item ${s.class}`}>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
