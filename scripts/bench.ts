/**
 * Runs every benchmark of the workspace (`packages/<name>/bench/*.bench.ts`), one at a time, each
 * in its own process so peak memory is measured per benchmark. `pnpm bench [filter]` runs only
 * the files whose path contains `filter`.
 *
 * Benchmarks print their figures as ratios against a baseline measured in the same run: these
 * machines are shared and noisy, so absolute numbers are reported but never compared.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const filter = process.argv[2] ?? "";
const root = join(import.meta.dirname, "..");
const files = readdirSync(join(root, "packages"))
  .flatMap((pkg) => {
    try {
      return readdirSync(join(root, "packages", pkg, "bench"))
        .filter((f) => f.endsWith(".bench.ts"))
        .map((f) => join("packages", pkg, "bench", f));
    } catch {
      return [];
    }
  })
  .filter((f) => f.includes(filter))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(
    process.execPath,
    ["--conditions=@corridor/source", "--import", "tsx", "--expose-gc", file],
    { cwd: root, stdio: "inherit" },
  );
  if (run.status !== 0) failed++;
}
if (files.length === 0) console.log(`no benchmark matches "${filter}"`);
process.exit(failed === 0 ? 0 : 1);
