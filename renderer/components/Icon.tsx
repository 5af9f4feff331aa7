// A handful of line icons drawn inline (no icon font, nothing fetched). Decorative: the text
// next to each icon carries the meaning, so they are hidden from screen readers.
const PATHS = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  alert: 'M12 8v5M12 16.5v.5M12 3.5l9.5 16.5h-19z',
  dot: 'M12 12m-3.2 0a3.2 3.2 0 1 0 6.4 0a3.2 3.2 0 1 0 -6.4 0',
  circle: 'M12 12m-7.5 0a7.5 7.5 0 1 0 15 0a7.5 7.5 0 1 0 -15 0',
  half: 'M12 4.5a7.5 7.5 0 0 1 0 15z',
  lock: 'M7 11V8a5 5 0 0 1 10 0v3M5.5 11h13v9h-13z',
  arrowLeft: 'M19 12H5M11 6l-6 6 6 6',
  arrowRight: 'M5 12h14M13 6l6 6-6 6',
  info: 'M12 11v6M12 7.5v.5M12 12m-9 0a9 9 0 1 0 18 0a9 9 0 1 0 -18 0',
  folder: 'M3.5 6.5h6l2 2h9v10h-17z',
  close: 'M6 6l12 12M18 6L6 18',
  bulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z',
} as const;

/** Icon names. */
export type IconName = keyof typeof PATHS;

/** One icon. */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill={name === 'dot' || name === 'half' ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      {name === 'half' ? <path d={PATHS.circle} fill="none" stroke="currentColor" strokeWidth="2" /> : null}
    </svg>
  );
}
