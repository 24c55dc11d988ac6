/**
 * Inline SVG icons (no icon font, no external sprite: the internal network has
 * no CDN and inline SVG follows `currentColor`, so icons keep their contrast in
 * every theme). Every icon is decorative: the text beside it carries the meaning.
 */

const PATHS = {
  globe: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M3 12h18', 'M12 3c3 3.2 3 14.8 0 18c-3-3.2-3-14.8 0-18'],
  textSize: ['M3 19 8.5 5 14 19', 'M5.2 14h6.6', 'M15 19l3-7.5 3 7.5', 'M16 16.8h4'],
  user: ['M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8', 'M4 21c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5'],
  logout: ['M14 4h5v16h-5', 'M10 8l-4 4 4 4', 'M6 12h10'],
  login: ['M14 4h5v16h-5', 'M9 8l4 4-4 4', 'M3 12h10'],
  phone: [
    'M5 4h3.5l2 5-2.5 1.5a11 11 0 0 0 5.5 5.5L15 13.5l5 2V19a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z',
  ],
  chat: ['M4 5h16v11H9l-5 4z', 'M8 9.5h8', 'M8 12.5h5'],
  help: [
    'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18',
    'M9.5 9.3a2.6 2.6 0 1 1 3.6 2.4c-.7.3-1.1.9-1.1 1.6v.7',
    'M12 17.2v.1',
  ],
  alert: ['M12 3.5 2.5 20h19z', 'M12 10v4.5', 'M12 17.3v.1'],
  speaker: ['M4 9h4l5-4v14l-5-4H4z', 'M16.5 9a4.5 4.5 0 0 1 0 6', 'M19 6.5a8.5 8.5 0 0 1 0 11'],
  chevronLeft: ['M15 5l-7 7 7 7'],
  chevronRight: ['M9 5l7 7-7 7'],
  news: ['M4 5h12v14H6a2 2 0 0 1-2-2z', 'M16 9h4v8a2 2 0 0 1-2 2h-2', 'M7 9h6', 'M7 12.5h6', 'M7 16h4'],
  disclosure: ['M6 3h8.5L19 7.5V21H6z', 'M14 3v5h5', 'M9 12h7', 'M9 15.5h7', 'M9 19h4'],
  services: ['M3 8h18v12H3z', 'M9 8V5h6v3', 'M3 13h18', 'M11 13v2h2v-2'],
  interaction: ['M3 4h12v8H8l-5 4z', 'M18 8h3v8h-2v3l-4-3H9v-2'],
  todo: ['M9 6h11', 'M9 12h11', 'M9 18h11', 'M3.5 6l1.5 1.5L7.5 5', 'M3.5 12l1.5 1.5 2.5-2.5', 'M4 18h2'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  info: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M12 11v6', 'M12 7.3v.1'],
} as const;

/** Names accepted by `Icon`. */
export type IconName = keyof typeof PATHS;

/** A 24×24 stroked icon that takes the text colour; hidden from assistive technology. */
export function Icon({ name, class: cls }: { name: IconName; class?: string }) {
  return (
    <svg
      class={cls ? `icon ${cls}` : 'icon'}
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name].map((d) => (
        <path d={d} />
      ))}
    </svg>
  );
}

/**
 * The site mark: an abstract shield with a tick. Deliberately not modelled on
 * any real police emblem, so a demo can never pass for an official service.
 */
export function Emblem() {
  return (
    <svg class="emblem" viewBox="0 0 40 44" width="40" height="44" aria-hidden="true" focusable="false">
      <path d="M20 2 36 8v12c0 11-7 18-16 22C11 38 4 31 4 20V8z" fill="#ffffff" />
      <path d="M20 6.2 32 10.7V20c0 8.5-5 14.3-12 17.6C13 34.3 8 28.5 8 20v-9.3z" fill="#0b3d91" />
      <path
        d="M13.5 21.5l4.5 4.5 8.5-9.5"
        fill="none"
        stroke="#ffd147"
        stroke-width="3.4"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}
