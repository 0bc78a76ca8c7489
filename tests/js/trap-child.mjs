// Run by options.test.mjs: an engine whose metrics registry panics (a real Rust panic,
// through the module's test hook) when the task manager records a finished task, as a
// bug in the bookkeeping would. Prints what each call gave; the process must live on.
import { SnapshotEngine } from 'snapdf';
import * as wasm from '../../pkg/snapdf.js';

const trapping = {
  ...wasm,
  Metrics: class extends wasm.Metrics {
    record(name, value, now) {
      if (name === 'snapshot.ms') wasm.__panicForTests('the sketch lost a bin');
      return super.record(name, value, now);
    }
  },
};
const engine = new SnapshotEngine({ wasm: trapping });
const doc = { title: 'Trap', blocks: [{ type: 'paragraph', text: 'x' }] };

/** @param {string} label @param {() => Promise<unknown>} fn */
async function outcome(label, fn) {
  try {
    await fn();
    console.log(`${label} ok`);
  } catch (e) {
    console.log(`${label} ${e.code} ${e.name}`);
    if (!/the sketch lost a bin/.test(e.message)) console.log(`(message: ${e.message})`);
  }
}

let first;
await outcome('first', () => (first = engine.createSnapshot(doc)).done);
await outcome('second', () => engine.createSnapshot({ ...doc, title: 'Other' }).done);
try {
  engine.listTasks();
  console.log('listTasks ok');
} catch (e) {
  console.log(`listTasks ${e.code}`);
}
console.log(`cancel ${first ? engine.cancel(first.id) : 'no task'}`);
await new Promise((resolve) => setTimeout(resolve, 50));
console.log('alive');
