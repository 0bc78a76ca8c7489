// Font sets: the engine module's FontSet (font files copied into the module once) for
// each list of fonts a caller passes, so that a call with the same list copies, checks
// and hashes nothing again.

/**
 * A value made once per list of `FontSource`s. A list is known by identity and by its
 * entries' name, data, digest and length, so a list changed in place counts as new.
 * @template T
 */
export class PerFontList {
  /** @type {WeakMap<object, { entries: unknown[][], value: T }>} */
  #known = new WeakMap();
  #make;

  /** @param {(fonts: import('./index.js').FontSource[]) => T} make makes the value of a new list */
  constructor(make) {
    this.#make = make;
  }

  /**
   * The value for this list: made on first sight of the list or of a change to it.
   * @param {import('./index.js').FontSource[]} fonts
   * @returns {T}
   */
  get(fonts) {
    const entries = fonts.map((f) => [f?.name, f?.data, f?.digest, f?.data?.byteLength]);
    const known = this.#known.get(fonts);
    if (known && known.entries.length === entries.length && known.entries.every((e, i) => e.every((v, j) => v === entries[i][j]))) {
      return known.value;
    }
    const value = this.#make(fonts);
    this.#known.set(fonts, { entries, value });
    return value;
  }
}

/**
 * One module `FontSet` per list of fonts: a list passed again (unchanged) is neither
 * copied nor checked again, and each file in it is hashed at most once, when a key
 * first needs it.
 */
export class FontSets {
  /** @type {WeakMap<object, FontSets>} */
  static #byModule = new WeakMap();
  #wasm;
  /** @type {PerFontList<import('../pkg/snapdf.js').FontSet>} */
  #sets;
  /** @type {import('../pkg/snapdf.js').FontSet | undefined} the set of no fonts */
  #none;

  /** @param {typeof import('../pkg/snapdf.js')} wasm the initialized engine module */
  constructor(wasm) {
    this.#wasm = wasm;
    this.#sets = new PerFontList((fonts) => new wasm.FontSet(fonts));
  }

  /**
   * The font sets of a module, shared by everything that calls it on this thread (the
   * package's functions, an engine's keys, its in-thread renders), so that a list is
   * copied into a module once.
   * @param {typeof import('../pkg/snapdf.js')} wasm the initialized engine module
   * @returns {FontSets}
   */
  static of(wasm) {
    let sets = FontSets.#byModule.get(wasm);
    if (!sets) FontSets.#byModule.set(wasm, (sets = new FontSets(wasm)));
    return sets;
  }

  /**
   * The font set for a list of fonts (an empty one for none), through which every call
   * of the module's render, key and validation goes.
   * @param {import('./index.js').FontSource[] | undefined | null} fonts
   * @returns {import('../pkg/snapdf.js').FontSet}
   * @throws {Error} SnapdfError `INVALID_OPTIONS` at `options.fonts` or `options.fonts[i]`
   *   for a list that is not one, or a file that is not a usable font
   */
  get(fonts) {
    if (fonts === undefined || fonts === null) return (this.#none ??= new this.#wasm.FontSet([]));
    if (!Array.isArray(fonts)) return new this.#wasm.FontSet(fonts); // throws, naming the option
    return this.#sets.get(fonts);
  }
}
