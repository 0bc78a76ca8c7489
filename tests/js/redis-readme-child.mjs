// The README's fleet snippet as a whole program: an engine on a RedisStore made inline,
// one render, `await engine.close()`, and nothing else. It must exit by itself.
// Usage: node redis-readme-child.mjs URL PREFIX   prints {"source"} of the render
import { RedisStore, createEngine } from '../../js/node.js';

const [url, prefix] = process.argv.slice(2);
const engine = createEngine({ store: new RedisStore({ url, prefix }) });
const snapshot = { title: 'README snippet', blocks: [{ type: 'paragraph', text: 'Rendered once for the fleet.' }] };
const { source } = await engine.render(snapshot);
console.log(JSON.stringify({ source }));
await engine.close();
