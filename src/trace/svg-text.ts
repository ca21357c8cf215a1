/**
 * The text every SVG document of msgsim is made of, in one place for both renderers (the
 * sequence diagrams of trace/ and the charts of experiment/): XML escaping, coordinates,
 * tooltips, the document around the elements, the one estimate of how wide a text is,
 * shortening to a number of characters or pixels, the colours they share, and the unit
 * prefixes labels are written in. It lives in trace/, the lowest layer that draws, so both
 * may import it. The writers build elements as template strings of these pieces.
 */

/** The font of every document; {@link textWidth} estimates for it. */
export const FONT_FAMILY = 'sans-serif';
/** Text and outlines. */
export const INK = '#222';
/** Tick labels: quieter than {@link INK}. */
export const MUTED = '#555';
/** Axis lines and ticks. */
export const AXIS = '#888';
/** Notes about what is shown (italic). */
export const NOTE = '#666';
/** The document's background. */
export const BACKGROUND = '#fff';

// ---------------------------------------------------------------------------------------------
// Markup.

/** Characters that {@link escapeXml} replaces: markup, and what XML cannot hold (controls, lone surrogates). */
const UNSAFE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text safe inside an XML element or a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  // Most text (numbers, paths, colours, names) has nothing to replace: one scan tells.
  if (!UNSAFE.test(text)) return text;
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** A coordinate with at most two decimals, for deterministic and compact output. */
export function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A tooltip: the full text of something shown shortened. */
export function tooltip(full: string): string {
  return `<title>${escapeXml(full)}</title>`;
}

/** The content of a text element showing `shown`, with `full` as its tooltip if they differ. */
export function textContent(shown: string, full: string): string {
  return shown === full ? escapeXml(shown) : `${tooltip(full)}${escapeXml(shown)}`;
}

/** How far below the vertical centre of a line of text its baseline is, in ems. */
const CENTRE_TO_BASELINE = 0.35;

/** The baseline of a line of text of `size` pixels whose vertical centre is at `centre`. */
export function baseline(centre: number, size: number): number {
  return centre + size * CENTRE_TO_BASELINE;
}

/** The parts of a document around its body. */
export interface DocumentHead {
  /** The document's title (what a viewer shows for it). */
  readonly title?: string;
  /** Definitions (markers, …) as markup. */
  readonly defs?: string;
}

/**
 * A standalone SVG 1.1 document `width` × `height` pixels: the XML declaration, the root
 * element, the title and definitions, a white background, then `body`, one line each.
 */
export function svgDocument(width: number, height: number, body: readonly string[], head: DocumentHead = {}): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${FONT_FAMILY}">`,
    ...(head.title === undefined ? [] : [`<title>${escapeXml(head.title)}</title>`]),
    ...(head.defs === undefined || head.defs === '' ? [] : [`<defs>${head.defs}</defs>`]),
    `<rect class="background" x="0" y="0" width="${n(width)}" height="${n(height)}" fill="${BACKGROUND}"/>`,
    ...body,
    '</svg>',
  ];
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Measuring and shortening.

/** The estimate's width of each ASCII character, in ems (looked up: labels are measured often). */
const ASCII_EMS = Float64Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  if ("il.,:;|!'`".includes(char)) return 0.3;
  if ('fjrt()[]- '.includes(char)) return 0.4;
  if ('mwMW@%'.includes(char)) return 0.9;
  if (char >= 'A' && char <= 'Z') return 0.72;
  return 0.6;
});

/**
 * An estimate of the width of `text` in a sans-serif font of `size` pixels, by classes of
 * characters (narrow, semi-narrow, wide, capitals, arrows, CJK). It follows DejaVu Sans, the
 * widest of the common sans-serif fonts, to within about 6% on msgsim's labels (long numbers
 * come out up to 6% narrower, as its digits are 0.6 em against DejaVu's 0.64), and is wider
 * than Arial or Helvetica.
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    em += code < ASCII_EMS.length ? ASCII_EMS[code]! : '←→✕…'.includes(char) ? 0.84 : code >= 0x2e80 ? 1 : 0.6;
  }
  return em * size * (bold ? 1.1 : 1);
}

/** `text` cut to `max` characters (code points), with an ellipsis if cut. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `text` cut to at most `max` pixels wide at `size` (by {@link textWidth}), with an ellipsis if cut. */
export function fit(text: string, max: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= max) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size, bold) > max) chars.pop();
  return `${chars.join('')}…`;
}

// ---------------------------------------------------------------------------------------------
// Units in labels.

/** A prefixed unit: how many base units one of it is, and its symbol. */
export interface UnitPrefix {
  readonly factor: number;
  readonly symbol: string;
}

/** The prefixed units of the base units labels are written in, smallest first. */
export const UNIT_PREFIXES = {
  seconds: [
    { factor: 1e-9, symbol: 'ns' },
    { factor: 1e-6, symbol: 'µs' },
    { factor: 1e-3, symbol: 'ms' },
    { factor: 1, symbol: 's' },
  ],
  'bits/s': [
    { factor: 1, symbol: 'bps' },
    { factor: 1e3, symbol: 'kbps' },
    { factor: 1e6, symbol: 'Mbps' },
    { factor: 1e9, symbol: 'Gbps' },
    { factor: 1e12, symbol: 'Tbps' },
  ],
  bytes: [
    { factor: 1, symbol: 'B' },
    { factor: 1e3, symbol: 'KB' },
    { factor: 1e6, symbol: 'MB' },
    { factor: 1e9, symbol: 'GB' },
    { factor: 1e12, symbol: 'TB' },
  ],
} as const satisfies Readonly<Record<string, readonly UnitPrefix[]>>;

/**
 * The prefix to write `magnitude` in: the largest not above it (the smallest for magnitudes
 * below all), the base unit for zero.
 */
export function prefixFor(prefixes: readonly UnitPrefix[], magnitude: number): UnitPrefix {
  if (magnitude === 0) return prefixes.find((prefix) => prefix.factor === 1) ?? prefixes[0]!;
  let chosen = prefixes[0]!;
  // A hair of slack so that 0.001 (a double a little below 1e-3 after arithmetic) is 1 ms.
  for (const prefix of prefixes) if (magnitude >= prefix.factor * (1 - 1e-9)) chosen = prefix;
  return chosen;
}

/** `value` (in base units) in units of `prefix`; scaled by an exact power of ten either way. */
export function inPrefix(value: number, prefix: UnitPrefix): number {
  return prefix.factor < 1 ? value * Math.round(1 / prefix.factor) : value / prefix.factor;
}
