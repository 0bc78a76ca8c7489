// Offline use and what the platform lacks: registers the service worker that webpack's
// GenerateSW (workbox) writes into the production build, which precaches the app shell,
// the WebAssembly, the render worker, pdf.js and the fonts, so the app loads and
// renders without a network after its first load. Also says where IndexedDB or Web
// Workers are missing, since the engine then quietly runs memory-only or on the page.

/**
 * Registers the service worker (production builds only; the dev server has none) and
 * reports its state: "unsupported", "installing", then "ready" once this page is
 * controlled by it and every asset is cached.
 * @param {(state: 'unsupported' | 'installing' | 'ready' | 'failed', detail?: string) => void} onState
 */
export function registerServiceWorker(onState) {
  if (process.env.NODE_ENV !== 'production') return;
  if (!('serviceWorker' in navigator)) return onState('unsupported');
  onState('installing');
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch((e) => onState('failed', e.message));
  const controlled = () => navigator.serviceWorker.controller && onState('ready');
  navigator.serviceWorker.ready.then(controlled);
  navigator.serviceWorker.addEventListener('controllerchange', controlled);
}

/**
 * What this browser lacks that the engine would use, as sentences for the user.
 * @param {import('snapdf').SnapshotEngine} engine
 * @returns {string[]}
 */
export function missingPlatform(engine) {
  const missing = [];
  const { persistent } = engine.cache.stats();
  if (persistent !== 'ok') {
    missing.push('IndexedDB is unavailable here (a private window, or blocked by a policy): PDFs are cached in memory only and are gone after a reload, and unfinished tasks do not resume.');
  }
  if (typeof Worker !== 'function') {
    missing.push('Web Workers are unavailable here: PDFs are rendered on the page itself, which may pause it for large snapshots.');
  }
  return missing;
}
