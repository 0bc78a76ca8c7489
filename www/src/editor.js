// The snapshot editor: a plain textarea (fast with the 24,000-line batch sample, native
// keyboard and screen-reader support) with line numbers and a marker on the line of an
// error. Errors name a JSON path (`blocks[0].rows[1][1]`, from the engine) or a text
// offset (a syntax error); jsonc-parser finds the place of either in the text.
import { findNodeAtLocation, parse, parseTree, printParseErrorCode } from 'jsonc-parser';

/**
 * Splits an engine JSON path such as `blocks[3].rows[17][2]` into its segments.
 * @param {string} path
 * @returns {(string | number)[]}
 */
export function pathSegments(path) {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map(([, key, index]) => (index === undefined ? key : Number(index)));
}

/**
 * Where a JSON path points in JSON text: the offset of the value, or of the deepest
 * ancestor present (a missing field's object).
 * @param {string} text
 * @param {(string | number)[]} segments
 * @returns {number | undefined}
 */
export function offsetOfPath(text, segments) {
  const root = parseTree(text);
  if (!root) return undefined;
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (node) return node.offset;
  }
  return undefined;
}

/**
 * Wires the editor.
 * @param {{ textarea: HTMLTextAreaElement, gutter: HTMLElement, marker: HTMLElement }} els
 *   the text, the line-number column, and the error line's highlight
 */
export function createEditor({ textarea, gutter, marker }) {
  let lines = 0;
  const lineHeight = () => parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  const padding = () => parseFloat(getComputedStyle(textarea).paddingTop) || 0;

  /** Redraws the line numbers when the number of lines changed. */
  function numbers() {
    const count = textarea.value.split('\n').length;
    if (count === lines) return;
    lines = count;
    gutter.textContent = Array.from({ length: count }, (_, i) => i + 1).join('\n');
  }

  /** Keeps the gutter and the marker level with the text. */
  function scroll() {
    gutter.scrollTop = textarea.scrollTop;
    if (!marker.hidden) marker.style.transform = `translateY(${-textarea.scrollTop}px)`;
  }

  textarea.addEventListener('input', () => { numbers(); clear(); });
  textarea.addEventListener('scroll', scroll);

  /** Hides the error marker. */
  function clear() {
    marker.hidden = true;
    delete marker.dataset.line;
  }

  /**
   * Marks the line holding `offset`, scrolls it into view and puts the caret there.
   * @param {number} offset
   * @returns {number} the 1-based line
   */
  function markOffset(offset) {
    const line = textarea.value.slice(0, offset).split('\n').length;
    const top = padding() + (line - 1) * lineHeight();
    marker.style.top = `${top}px`;
    marker.style.height = `${lineHeight()}px`;
    marker.dataset.line = String(line);
    marker.hidden = false;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(offset, offset);
    textarea.scrollTop = Math.max(0, top - textarea.clientHeight / 3);
    scroll();
    return line;
  }

  return {
    /** The text. */
    get value() { return textarea.value; },
    set value(text) { textarea.value = text; textarea.scrollTop = 0; numbers(); clear(); scroll(); },
    clear,
    /**
     * Marks where a JSON path points (inside element `index` when the text is an array
     * of snapshots); resolves to the line, or undefined when the path is not in the text.
     * @param {string} path
     * @param {number} [index]
     */
    markPath(path, index) {
      const offset = offsetOfPath(textarea.value, [...(index === undefined ? [] : [index]), ...pathSegments(path)]);
      return offset === undefined ? undefined : markOffset(offset);
    },
    /**
     * Checks the syntax; marks and describes the first error, if any.
     * @returns {{ line: number, message: string } | undefined}
     */
    syntaxError() {
      /** @type {import('jsonc-parser').ParseError[]} */
      const errors = [];
      parse(textarea.value, errors, { allowTrailingComma: false, disallowComments: true });
      if (!errors.length) return undefined;
      const [first] = errors;
      return { line: markOffset(first.offset), message: printParseErrorCode(first.error) };
    },
  };
}
