// vitest globalSetup: the end-to-end tests run dist/ (test/helpers/dist.ts). `npm test` builds it just before; a run
// started otherwise (`npx vitest run test/cli.test.ts` after editing a source) rebuilds it here when any source or
// asset under src/, scripts/ or bench/ is newer than its compiled copy.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export default function setup(): void {
  const stale = staleFile();
  if (stale === null) return;
  process.stderr.write(`dist/ is older than ${stale}: npm run build\n`);
  execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
}

function staleFile(): string | null {
  for (const dir of ["src", "scripts", "bench"]) {
    for (const entry of readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith(".d.ts")) continue;
      const source = path.relative(ROOT, path.join(entry.parentPath ?? entry.path, entry.name));
      const compiled = path.join(ROOT, "dist", source.replace(/\.ts$/, ".js"));
      const built = mtime(compiled);
      if (built === null || built < mtime(path.join(ROOT, source))!) return source;
    }
  }
  return null;
}

function mtime(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}
