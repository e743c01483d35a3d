// The engine's 10,000-message scenario compiled to wasm, run under Node.
// `cargo xtask bench` builds target/pkg-bench (feature `bench`) and runs this.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = process.env.PKG_DIR;
if (!pkg) throw new Error('PKG_DIR is not set: run through cargo xtask bench');
const glue = await import(join(pkg, 'playground_wasm.js'));
await glue.default({ module_or_path: readFileSync(join(pkg, 'playground_wasm_bg.wasm')) });
const count = Number(process.env.BENCH_MESSAGES || 10000);
const runs = Number(process.env.BENCH_RUNS || 3);
const all = [];
for (let r = 0; r < runs; r++) all.push(glue.benchMailbox(count));
console.log(`engine, wasm under Node ${process.version}, ${count} messages, median of ${runs} runs`);
console.log('| step | command | ms | response bytes | status |');
console.log('|---|---|---|---|---|');
all[0].forEach((step, i) => {
  const times = all.map((run) => run[i].ms).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`| ${step.name} | \`${step.command}\` | ${median.toFixed(1)} | ${step.bytes} | ${step.status} |`);
});
