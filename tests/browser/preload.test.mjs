// Every module the page imports is named in index.html's modulepreload
// list (and nothing else is), so the browser fetches them all at once
// instead of one import level at a time. A module added without its
// preload line fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

/** Site paths of the modules reachable from `entry` by static imports. */
function reachable(entry) {
  const seen = new Set();
  const todo = [entry];
  while (todo.length) {
    const path = todo.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    const file = join(web, path);
    if (!existsSync(file)) continue; // /pkg/ is built, not in web/
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
      const target = spec.startsWith('/') ? spec : resolve(dirname(path), spec).replace(/^[A-Z]:/, '');
      todo.push(target);
    }
  }
  seen.delete(entry);
  return seen;
}

test('index.html preloads exactly the modules main.js reaches', () => {
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  // index.html names modules relative to itself (`./x.js`), so the page
  // works under any path prefix; compare them as site paths.
  const preloaded = new Set([...html.matchAll(/rel="modulepreload" href="([^"]+)"/g)].map((m) => {
    assert.ok(m[1].startsWith('./'), `${m[1]} is not relative to the page`);
    return m[1].slice(1);
  }));
  const needed = reachable('/main.js');
  assert.ok(needed.size > 10, `found only ${needed.size} modules: is the import scan broken?`);
  assert.deepEqual([...needed].filter((m) => !preloaded.has(m)).sort(), [], 'imported but not preloaded');
  assert.deepEqual([...preloaded].filter((m) => !needed.has(m)).sort(), [], 'preloaded but never imported');
  assert.match(html, /rel="preload" href="\.\/pkg\/playground_wasm_bg\.wasm" as="fetch"[^>]*crossorigin/);
});
