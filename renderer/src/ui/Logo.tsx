/**
 * Fourmilière's mark: an ant walking over the top of its anthill, drawn in SVG so it shows
 * on every machine (the emoji it replaces was an empty box without an emoji font).
 * Colours come from the theme tokens, so it follows light and dark.
 */
export function Logo({ size = 32, title }: { size?: number; title?: string }) {
  const labelled = Boolean(title);
  return (
    <svg
      className="logo"
      width={size}
      height={size}
      viewBox="0 0 64 64"
      role={labelled ? 'img' : undefined}
      aria-hidden={labelled ? undefined : true}
      aria-label={title}
      focusable="false"
    >
      {/* the anthill, its door */}
      <path className="logo-hill" d="M2 60 C8 43 17 31 32 31 C47 31 56 43 62 60 Z" />
      <path className="logo-hill-door" d="M27.5 60 C27.5 53 29.5 50 32 50 C34.5 50 36.5 53 36.5 60 Z" />
      {/* the ant on top, seen from the side: abdomen, thorax, head, the three legs of this side, two antennae */}
      <g className="logo-ant">
        <ellipse cx="19" cy="20" rx="7.5" ry="5.5" />
        <ellipse cx="30.5" cy="21" rx="4.5" ry="3.4" />
        <circle cx="40" cy="18.5" r="4" />
        <g className="logo-ant-lines" fill="none" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M28.5 23 L24 27 L21 31" />
          <path d="M30.5 24 L30 28 L28.5 30.5" />
          <path d="M32.5 23 L36 27 L39 30.5" />
          <path d="M41 15 C42 10 45 8 49 8" />
          <path d="M42.5 16 C45.5 12.5 49 12.5 52 13.5" />
        </g>
      </g>
    </svg>
  );
}
