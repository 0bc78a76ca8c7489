// A process that queues one long task set in a supplied font `S` (the file given) and
// kills itself (SIGKILL) once the task is persisted: tests/js/tasks.test.mjs resumes it
// with another file under the same name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../js/node.js';

const [dir, fontFile] = process.argv.slice(2);
const fonts = [{ name: 'S', data: new Uint8Array(readFileSync(fontFile)) }];
const engine = createEngine({ cacheDir: dir, workers: 1, fonts });
const rows = Array.from({ length: 60_000 }, (_, i) => [`Ряд ${i}`, i]);
engine.createSnapshot({ title: 'Шрифт', font: 'S', blocks: [{ type: 'table', columns: ['a', 'b'], rows }] });
const tasks = join(dir, 'tasks');
setInterval(() => {
  if (existsSync(tasks) && readdirSync(tasks).some((f) => f.endsWith('.json'))) process.kill(process.pid, 'SIGKILL');
}, 5);
