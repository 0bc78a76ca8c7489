// Parsers of the command line's option values: each refuses what is not a finite number
// in its range (commander reports the refusal as a usage error).
import { InvalidArgumentError } from 'commander';

/** The longest delay a Node timer takes (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A parser of whole numbers from `min` to `max`, written in decimal digits.
 * @param {number} min
 * @param {number} max
 * @param {string} [unit] e.g. "ms"
 * @returns {(value: string) => number}
 */
export function integerIn(min, max, unit = '') {
  const range = `a whole number from ${min} to ${max.toLocaleString('en-US')}${unit && ` ${unit}`}`;
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`expected ${range}, not "${value}"`);
    return n;
  };
}

/**
 * A parser of finite numbers above 0 and at most `max` (decimal, e.g. 0.5 or 12).
 * @param {number} max
 * @param {string} unit e.g. "hours"
 * @returns {(value: string) => number}
 */
export function positiveUpTo(max, unit) {
  return (value) => {
    const n = Number(value);
    if (!/^\s*(\d+\.?\d*|\.\d+)\s*$/.test(value) || !(n > 0) || n > max) {
      throw new InvalidArgumentError(`expected a number of ${unit} above 0 and at most ${max}, not "${value}"`);
    }
    return n;
  };
}

/**
 * A parser of one of `choices`.
 * @param {string[]} choices
 * @returns {(value: string) => string}
 */
export function oneOf(choices) {
  return (value) => {
    if (!choices.includes(value)) throw new InvalidArgumentError(`expected ${choices.join(', ')}, not "${value}"`);
    return value;
  };
}

/**
 * Collects repeated `--font NAME=FILE` options, and `--font NAME` (an installed family,
 * found later with fontconfig: `file` undefined).
 * @param {string} value
 * @param {{ name: string, file?: string }[]} list
 */
export function fontOption(value, list) {
  const at = value.indexOf('=');
  if (at === -1 && value.trim()) return [...list, { name: value }];
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('expected NAME=FILE, e.g. "DejaVu Sans=DejaVuSans.ttf", or the NAME of an installed font');
  return [...list, { name: value.slice(0, at), file: value.slice(at + 1) }];
}

/**
 * A parser of `--delimiter`: one character, or "tab" (or `\t` as two characters, as a
 * shell passes it) for a tab.
 * @param {string} value
 * @returns {string}
 */
export function delimiterOption(value) {
  if (value === 'tab' || value === '\\t') return '\t';
  if ([...value].length !== 1 || /[\r\n"]/.test(value)) {
    throw new InvalidArgumentError(`expected one character other than a quote or a line break (",", ";", "|"), or "tab", not ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * A parser of a value that must hold more than spaces: an output path, a title.
 * @param {string} noun what the value is, e.g. "the output path"
 * @param {string} what what it takes, e.g. "a file name, or - for standard output"
 * @returns {(value: string) => string}
 */
export function notBlank(noun, what) {
  return (value) => {
    if (!value.trim()) throw new InvalidArgumentError(`${noun} is ${value ? 'blank' : 'empty'}: expected ${what}`);
    return value;
  };
}

/** The paper sizes of `--size`, as a snapshot's `page.size` names them. */
export const PAGE_SIZES = /** @type {const} */ (['A3', 'A4', 'A5', 'Letter', 'Legal']);

/**
 * A parser of `--size`: one of {@link PAGE_SIZES}, in any case ("letter" is "Letter").
 * @param {string} value
 * @returns {typeof PAGE_SIZES[number]}
 */
export function pageSizeOption(value) {
  const size = PAGE_SIZES.find((s) => s.toLowerCase() === value.toLowerCase());
  if (!size) throw new InvalidArgumentError(`expected ${PAGE_SIZES.join(', ')}, not "${value}"`);
  return size;
}
