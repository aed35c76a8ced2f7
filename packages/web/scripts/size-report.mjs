// Prints the gzipped size of the JavaScript the sign-in page loads first (the entry chunk and its
// static imports, i.e. everything index.html preloads) and fails when it is over the budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

const seen = new Set();
function collect(key) {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) collect(dep);
}
collect('index.html');

const kb = (bytes) => (bytes / 1024).toFixed(1);
let total = 0;
const rows = [...seen].map((key) => {
  const file = manifest[key].file;
  const raw = readFileSync(join(dist, file));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  return `  ${file.padEnd(40)} ${kb(raw.length).padStart(8)} KB  ${kb(gz).padStart(7)} KB gzip`;
});
console.log('\nInitial JavaScript of the sign-in page:');
console.log(rows.join('\n'));
console.log(
  `  ${'total'.padEnd(40)} ${''.padStart(8)}     ${kb(total).padStart(7)} KB gzip (budget ${BUDGET_KB} KB)\n`,
);
if (total > BUDGET_KB * 1024) {
  console.error(`Initial JavaScript is over the ${BUDGET_KB} KB gzip budget.`);
  process.exit(1);
}
