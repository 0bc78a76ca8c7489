// The cache panel: per layer its entries, size, budget use and hit rate; the entries
// themselves (newest first) with their layers, size and age, each with Invalidate; and
// Clean up (drop expired entries) and Clear for the whole cache.

const LIST = 25; // entries shown

/** @param {number} b */
const mib = (b) => `${(b / 2 ** 20).toFixed(2)} MiB`;
/** @param {number} b */
const kib = (b) => (b < 2 ** 20 ? `${(b / 1024).toFixed(1)} KiB` : mib(b));
/** @param {number} ms */
const age = (ms) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

/**
 * Wires the cache panel.
 * @param {{ layers: HTMLTableElement, entries: HTMLTableElement, cleanup: HTMLButtonElement, clear: HTMLButtonElement }} els
 * @param {import('snapdf').SnapshotEngine} engine
 * @param {() => void} changed called after the panel changed the cache
 * @returns {{ render(): void }} `render()` redraws the panel from the engine
 */
export function createCachePanel(els, engine, changed) {
  els.cleanup.addEventListener('click', async () => { await engine.cache.cleanup(); changed(); });
  els.clear.addEventListener('click', async () => { await engine.cache.clear(); changed(); });
  els.entries.addEventListener('click', async (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest('button[data-key]');
    if (!(button instanceof HTMLButtonElement)) return;
    await engine.cache.invalidate({ key: /** @type {string} */ (button.dataset.key) });
    changed();
  });

  function render() {
    const { l1, l2, persistent } = engine.cache.stats();
    const layers = /** @type {[string, import('snapdf').LayerStats | undefined][]} */ ([['L1 memory', l1], [`L2 IndexedDB${persistent === 'ok' ? '' : ` (${persistent})`}`, l2]]);
    els.layers.replaceChildren(row('th', ['layer', 'entries', 'size', 'budget use', 'hits']),
      ...layers.filter(([, s]) => s).map(([name, s]) => {
        const stats = /** @type {import('snapdf').LayerStats} */ (s);
        const meter = Object.assign(document.createElement('meter'), { min: 0, max: stats.budgetBytes, value: stats.bytes });
        meter.setAttribute('aria-label', `${name}: ${mib(stats.bytes)} of ${mib(stats.budgetBytes)}`);
        const use = document.createElement('span');
        use.append(meter, ` ${(100 * stats.bytes / stats.budgetBytes).toFixed(1)} % of ${Math.round(stats.budgetBytes / 2 ** 20)} MiB`);
        return row('td', [name, String(stats.entries), mib(stats.bytes), use, `${(stats.hitRate * 100).toFixed(0)} %`]);
      }));

    const { l1: in1, l2: in2 } = engine.cache.entries();
    /** @type {Map<string, { info: import('snapdf').EntryInfo, layers: string[] }>} */
    const byKey = new Map();
    for (const [layer, list] of /** @type {const} */ ([['L1', in1], ['L2', in2]])) {
      for (const info of list) {
        const seen = byKey.get(info.key);
        if (seen) seen.layers.push(layer);
        else byKey.set(info.key, { info, layers: [layer] });
      }
    }
    const now = Date.now();
    const newest = [...byKey.values()].sort((a, b) => b.info.createdMs - a.info.createdMs).slice(0, LIST);
    els.entries.replaceChildren(row('th', ['key', 'layers', 'size', 'age', '']),
      ...newest.map(({ info, layers: where }) => {
        const button = Object.assign(document.createElement('button'), { textContent: 'Invalidate' });
        button.dataset.key = info.key;
        button.setAttribute('aria-label', `Invalidate ${info.key.slice(0, 12)}`);
        const key = Object.assign(document.createElement('code'), { textContent: `${info.key.slice(0, 12)}…`, title: info.key });
        return row('td', [key, where.join(' + '), kib(info.size), age(now - info.createdMs), button]);
      }));
    els.entries.hidden = newest.length === 0;
  }

  render();
  return { render };
}

/**
 * A table row of header or data cells; numbers-looking text aligns right.
 * @param {'th' | 'td'} tag
 * @param {(string | Node)[]} cells
 */
function row(tag, cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const cell = document.createElement(tag);
    cell.append(c);
    if (tag === 'td' && typeof c === 'string' && /^[\d.]+( |$)/.test(c)) cell.className = 'num';
    tr.append(cell);
  }
  return tr;
}
