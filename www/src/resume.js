// Tasks that outlive the page: the engine persists every pending task with its
// snapshot in IndexedDB and, after a reload, takes up the unfinished ones (under a Web
// Lock, so one tab does it). The engine knows tasks by id only; this module remembers
// the titles the app showed, so a resumed task is listed under its own name.

const STORE = 'snapdf-demo:task-titles';

/** @returns {Record<string, string>} */
function titles() {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? '{}');
  } catch {
    return {};
  }
}

/** @param {Record<string, string>} all */
function save(all) {
  try {
    localStorage.setItem(STORE, JSON.stringify(all));
  } catch {
    // No storage (a private mode): resumed tasks are listed without their titles.
  }
}

/** Ids of the tasks this page started. */
const ours = new Set();

/**
 * Remembers the title of a task that has not ended, until the next page load finds it
 * ended (a task's end is no sign: unloading the page can fail tasks it then resumes).
 * @param {import('snapdf').Task} task
 * @param {string} title
 */
export function rememberTitle(task, title) {
  if (task.status !== 'pending' && task.status !== 'running') return;
  ours.add(task.id);
  save({ ...titles(), [task.id]: title });
}

/**
 * Lists the tasks the engine resumed from the last visit, each under its remembered
 * title, and says how many there were.
 * @param {import('snapdf').SnapshotEngine} engine
 * @param {(task: import('snapdf').Task, title: string) => void} list shows one task
 * @param {(text: string) => void} say shows a line about them
 * @returns {Promise<import('snapdf').Task[]>} the resumed tasks
 */
export async function showResumed(engine, list, say) {
  const resumed = await engine.resumed;
  const known = titles();
  const keep = new Set([...ours, ...resumed.map((t) => t.id)]);
  save(Object.fromEntries(Object.entries(known).filter(([id]) => keep.has(id))));
  if (!resumed.length) return resumed;
  for (const task of resumed) list(task, known[task.id] ?? `task ${task.id.slice(0, 8)}`);
  say(`Resumed ${resumed.length} unfinished task${resumed.length === 1 ? '' : 's'} from before the reload.`);
  Promise.allSettled(resumed.map((t) => t.done)).then((all) => {
    const completed = all.filter((r) => r.status === 'fulfilled').length;
    say(`Resumed ${resumed.length} unfinished task${resumed.length === 1 ? '' : 's'} from before the reload: ${completed} completed.`);
  });
  return resumed;
}
