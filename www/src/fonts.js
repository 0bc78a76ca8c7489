// The fonts the Unicode samples are set in: DejaVu Sans and its bold, copied next to the
// app by webpack.config.js and fetched once at start (the service worker keeps them).

/** The supplied fonts: the name snapshots use in `font`, and the file next to the app. */
const FILES = [
  { name: 'DejaVu Sans', file: 'fonts/DejaVuSans.ttf' },
  { name: 'DejaVu Sans Bold', file: 'fonts/DejaVuSans-Bold.ttf' },
];

/**
 * Fetches the supplied fonts for `createEngine({ fonts })`.
 * @returns {Promise<import('snapdf').FontSource[]>}
 * @throws {Error} when a file cannot be fetched
 */
export async function loadFonts() {
  return Promise.all(FILES.map(async ({ name, file }) => {
    const response = await fetch(new URL(file, document.baseURI));
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    return { name, data: new Uint8Array(await response.arrayBuffer()) };
  }));
}
