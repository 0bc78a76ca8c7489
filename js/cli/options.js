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
 * Collects repeated `--font NAME=FILE` options.
 * @param {string} value
 * @param {{ name: string, file: string }[]} list
 */
export function fontOption(value, list) {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('expected NAME=FILE, e.g. "DejaVu Sans=DejaVuSans.ttf"');
  return [...list, { name: value.slice(0, at), file: value.slice(at + 1) }];
}
