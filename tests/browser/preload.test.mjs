// The first prompt needs only the modules main.js imports statically (and
// the engine's glue, which it imports by name): index.html preloads exactly
// those, so the browser fetches them all at once instead of one import
// level at a time. Everything main.js loads later with import() (the
// workbench, the teaching layer, the bridge) stays out of the preload list
// and out of the static graph, so it never delays or enlarges the first
// download. A module added on the wrong side fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

/** Site path of `spec` imported from `from`. */
function target(from, spec) {
  return spec.startsWith('/') ? spec : resolve(dirname(from), spec).replace(/^[A-Z]:/, '');
}

/** The relative imports of one module: {statics, dynamics} as site paths. */
function importsOf(path) {
  const file = join(web, path);
  const statics = [];
  const dynamics = [];
  if (!existsSync(file)) return { statics, dynamics }; // /pkg/ is built, not in web/
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
    (m[1] ? statics : dynamics).push(target(path, spec));
  }
  return { statics, dynamics };
}

/** Site paths reachable from `entry`; with `dynamic`, through import() too. */
function reachable(entry, dynamic) {
  const seen = new Set();
  const todo = [entry];
  while (todo.length) {
    const path = todo.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    const { statics, dynamics } = importsOf(path);
    todo.push(...statics, ...(dynamic ? dynamics : []));
  }
  seen.delete(entry);
  return seen;
}

test('index.html preloads exactly what the first prompt needs, and nothing loaded later', () => {
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  // index.html names modules relative to itself (`./x.js`), so the page
  // works under any path prefix; compare them as site paths.
  const preloaded = new Set([...html.matchAll(/rel="modulepreload" href="([^"]+)"/g)].map((m) => {
    assert.ok(m[1].startsWith('./'), `${m[1]} is not relative to the page`);
    return m[1].slice(1);
  }));
  const first = reachable('/main.js', false);
  first.add('/pkg/playground_wasm.js');
  const later = [...reachable('/main.js', true)].filter((m) => !first.has(m));
  assert.ok(first.size >= 4, `found only ${first.size} modules for the prompt: is the import scan broken?`);
  assert.ok(later.length > 10, `found only ${later.length} modules loaded later: is the import scan broken?`);
  assert.deepEqual([...first].filter((m) => !preloaded.has(m)).sort(), [], 'needed for the prompt but not preloaded');
  assert.deepEqual([...preloaded].filter((m) => !first.has(m)).sort(), [], 'preloaded but not needed for the prompt');
  for (const m of ['/workbench.js', '/teach/teach.js', '/bridge.js']) {
    assert.ok(later.includes(m), `${m} is loaded after the prompt`);
  }
  assert.match(html, /rel="preload" href="\.\/pkg\/playground_wasm_bg\.wasm" as="fetch"[^>]*crossorigin/);
  // The later layers' stylesheets come with them, not in the page's head.
  assert.doesNotMatch(html, /workbench\.css|teach\.css/);
});
