// A process that queues tasks and kills itself (SIGKILL) after some are done, or after
// a delay (third argument "ms:N"): tests/js/tasks.test.mjs resumes the rest.
// Prints "created ID" for every task and "done ID" as each completes.
import { createEngine } from '../../js/node.js';
import { flightsReport } from '../../examples/snapshots.mjs';

const [dir, count, killAfterDone] = process.argv.slice(2);
let finished = 0;
// Killed hard at a moment the test picks: mid-render, mid-write, mid-resume.
if (killAfterDone.startsWith('ms:')) setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(killAfterDone.slice(3)));
const engine = createEngine({ cacheDir: dir, workers: 1 });
const base = flightsReport(5000);
for (let i = 0; i < Number(count); i++) {
  const task = engine.createSnapshot({ ...base, title: `Resumable ${i}` });
  console.log(`created ${task.id}`);
  task.done.then(() => {
    console.log(`done ${task.id}`);
    finished += 1;
    // Killed hard, mid-batch, with the rest pending or running.
    if (finished === Number(killAfterDone)) process.kill(process.pid, 'SIGKILL');
  });
}
