import { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/** The size a chart is drawn at; empty when ResponsiveContainer sizes it. */
export type ChartSize = { width?: number; height?: number };

/**
 * A recharts chart as wide as its container. ResponsiveContainer measures its parent with
 * ResizeObserver; without one (jsdom, old browsers) the chart is drawn at `fallbackWidth`
 * instead of failing the card.
 */
export function ResponsiveChart(props: {
  height: number;
  fallbackWidth: number;
  children: (size: ChartSize) => ReactElement;
}) {
  const { height, fallbackWidth, children } = props;
  if (typeof ResizeObserver === 'undefined') {
    return children({ width: fallbackWidth, height });
  }
  return (
    <div style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        {children({})}
      </ResponsiveContainer>
    </div>
  );
}
