// One hour of a camera's recordings on a bar: recorded spans filled, gaps empty, ticks every ten minutes,
// the playing position as a line. A click plays from that moment; each span is also a button (keyboard).
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format/time';
import { fractionOfHour, HOUR_MS, withinSpan, type Span } from './playback-time';

interface Props {
  start: Date;
  spans: Span[];
  position: number | null;
  onPick: (at: number) => void;
}

const TICKS = [0, 10, 20, 30, 40, 50, 60];

export function Timeline({ start, spans, position, onPick }: Props) {
  const { t } = useTranslation('wall');
  const pick = (event: MouseEvent<HTMLDivElement>) => {
    const bar = event.currentTarget.getBoundingClientRect();
    const fromSpan = (event.target as HTMLElement).closest<HTMLElement>('[data-span-start]');
    // A keyboard press on a span has no pointer position: play the span from its start.
    if (event.detail === 0 && fromSpan) return onPick(Number(fromSpan.dataset.spanStart));
    const at = start.getTime() + ((event.clientX - bar.left) / bar.width) * HOUR_MS;
    if (!fromSpan) return onPick(at);
    onPick(withinSpan(at, { start: Number(fromSpan.dataset.spanStart), end: Number(fromSpan.dataset.spanEnd) }));
  };
  return (
    <div className="timeline">
      <div className="timeline-bar" role="group" aria-label={t('playback.timeline')} data-testid="playback-timeline" onClick={pick}>
        {spans.map((span) => {
          const left = fractionOfHour(span.start, start);
          const width = Math.max(0.002, fractionOfHour(span.end, start) - left);
          return (
            <button
              key={span.start}
              type="button"
              className="timeline-span"
              data-testid="playback-segment"
              data-span-start={span.start}
              data-span-end={span.end}
              style={{ left: `${left * 100}%`, width: `${width * 100}%` }}
              aria-label={`${formatTime(span.start)}–${formatTime(span.end)}`}
            />
          );
        })}
        {position !== null && <div className="timeline-cursor" style={{ left: `${fractionOfHour(position, start) * 100}%` }} />}
      </div>
      <div className="timeline-ticks" aria-hidden="true">
        {TICKS.map((minute) => (
          <span key={minute} style={{ left: `${(minute / 60) * 100}%` }}>
            {formatTime(start.getTime() + minute * 60_000).slice(0, 5)}
          </span>
        ))}
      </div>
    </div>
  );
}
