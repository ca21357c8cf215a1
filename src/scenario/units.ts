/**
 * Quantities with units, as scenario files write them: "10Mbps", "7.77ms", "64KiB".
 *
 * Parsing is exact where a double can be: the decimal digits become an integer mantissa and
 * the unit a power of ten (or of 1024), combined in one multiplication or one division, so
 * "0.8ms" is the double nearest to 0.0008 and "1.5Gbps" is exactly 1.5e9.
 *
 *   bandwidth  bps kbps Mbps Gbps Tbps       (decimal, bits per second)
 *   duration   ns us ms s                    (seconds)
 *   size       B KB MB GB (decimal)  KiB MiB GiB (binary)   (bytes)
 */

/** The kinds of quantity scenario files use. */
export type QuantityKind = 'bandwidth' | 'duration' | 'size';

interface UnitScale {
  /** Power of ten of the unit relative to the base unit. */
  readonly decimalExponent: number;
  /** Power of 1024 of the unit (binary sizes). */
  readonly binaryExponent: number;
}

const UNITS: Readonly<Record<QuantityKind, Readonly<Record<string, UnitScale>>>> = {
  bandwidth: {
    bps: decimal(0),
    kbps: decimal(3),
    Mbps: decimal(6),
    Gbps: decimal(9),
    Tbps: decimal(12),
  },
  duration: { ns: decimal(-9), us: decimal(-6), ms: decimal(-3), s: decimal(0) },
  size: {
    B: decimal(0),
    KB: decimal(3),
    MB: decimal(6),
    GB: decimal(9),
    KiB: { decimalExponent: 0, binaryExponent: 1 },
    MiB: { decimalExponent: 0, binaryExponent: 2 },
    GiB: { decimalExponent: 0, binaryExponent: 3 },
  },
};

/** An example of each kind, for error messages. */
export const UNIT_EXAMPLES: Readonly<Record<QuantityKind, string>> = {
  bandwidth: '10Mbps',
  duration: '10ms',
  size: '1500B',
};

function decimal(exponent: number): UnitScale {
  return { decimalExponent: exponent, binaryExponent: 0 };
}

/** Units of a kind, e.g. ["bps", "kbps", …]. */
export function unitsOf(kind: QuantityKind): string[] {
  return Object.keys(UNITS[kind]);
}

/** A regular expression for quantities of a kind (also used in the JSON Schema). */
export function quantityPattern(kind: QuantityKind): RegExp {
  return new RegExp(`^[0-9]+(\\.[0-9]+)? ?(${unitsOf(kind).join('|')})$`);
}

const PATTERNS: Readonly<Record<QuantityKind, RegExp>> = {
  bandwidth: quantityPattern('bandwidth'),
  duration: quantityPattern('duration'),
  size: quantityPattern('size'),
};

/**
 * Parses a quantity such as "10Mbps" into its base unit (bits per second, seconds or bytes).
 * Returns undefined when the text is not a quantity of that kind.
 */
export function parseQuantity(text: string, kind: QuantityKind): number | undefined {
  const match = PATTERNS[kind].exec(text);
  if (match === null) return undefined;
  const unit = match[2]!;
  const scale = UNITS[kind][unit]!;
  const numberText = text.slice(0, text.length - unit.length).trim();
  const point = numberText.indexOf('.');
  const digits = point < 0 ? numberText : numberText.slice(0, point) + numberText.slice(point + 1);
  const fractionDigits = point < 0 ? 0 : numberText.length - point - 1;
  const mantissa = Number(digits) * 1024 ** scale.binaryExponent;
  const exponent = scale.decimalExponent - fractionDigits;
  return exponent >= 0 ? mantissa * 10 ** exponent : mantissa / 10 ** -exponent;
}

/**
 * Formats a value in base units with the largest unit that keeps the number ≥ 1, e.g.
 * 1e7 → "10Mbps", 0.0108 → "10.8ms", to `digits` significant digits (default 6, trailing
 * zeros dropped). Binary units are never chosen.
 */
export function formatQuantity(value: number, kind: QuantityKind, digits = 6): string {
  if (value === 0 || !Number.isFinite(value)) {
    return `${value}${Object.keys(UNITS[kind]).find((unit) => UNITS[kind][unit]!.decimalExponent === 0)}`;
  }
  const decimalUnits = Object.entries(UNITS[kind])
    .filter(([, scale]) => scale.binaryExponent === 0)
    .sort((a, b) => b[1].decimalExponent - a[1].decimalExponent);
  for (const [unit, scale] of decimalUnits) {
    const exponent = scale.decimalExponent;
    const scaled = exponent >= 0 ? value / 10 ** exponent : value * 10 ** -exponent;
    if (Math.abs(scaled) >= 1 || exponent === decimalUnits[decimalUnits.length - 1]![1].decimalExponent) {
      return `${trimNumber(scaled, digits)}${unit}`;
    }
  }
  return `${value}`;
}

/** Up to `digits` significant digits, no trailing zeros. */
function trimNumber(value: number, digits: number): string {
  return String(Number(value.toPrecision(digits)));
}
