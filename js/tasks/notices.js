// Notices between engines that share one persistent store (the tabs of an origin on one
// IndexedDB database): each announces the tasks it completed or failed, so the others
// see results they did not render themselves, such as a task one tab resumed for a tab
// that was reloaded. Carried by a BroadcastChannel (HTML Living Standard, "Broadcasting
// to other browsing contexts"); the PDF itself stays in the shared store.

/**
 * What one engine tells the others.
 * `record` is the entry a render wrote to the shared store (absent if it wrote none): the
 * others take it into their index, so they serve it instead of rendering it again.
 * @typedef {{ type: 'completed', id: string, key: string, pages: number, bytes: number, ms: number, record?: import('../index.js').CacheRecord }
 *   | { type: 'failed', id: string, key: string, code: string, message: string }} Notice
 */

/** The engine end of a channel. */
export class Notices {
  #channel;

  /**
   * @param {{ postMessage(message: unknown): void, close(): void, onmessage: ((e: MessageEvent) => void) | null }} channel
   *   a BroadcastChannel (or anything shaped like one)
   * @param {(notice: Notice) => void} receive called with each well-formed notice from another engine
   */
  constructor(channel, receive) {
    this.#channel = channel;
    channel.onmessage = (e) => {
      if (isNotice(e.data)) receive(e.data);
    };
  }

  /** Tells the other engines. A closed or failing channel only costs the notice. @param {Notice} notice */
  announce(notice) {
    try {
      this.#channel.postMessage(notice);
    } catch {
      // The page is going away or the channel was closed: nobody is left to tell.
    }
  }

  close() {
    this.#channel.onmessage = null;
    this.#channel.close();
  }
}

/** @param {any} m @returns {m is Notice} */
function isNotice(m) {
  return (m?.type === 'completed' || m?.type === 'failed') && typeof m.id === 'string' && typeof m.key === 'string';
}
