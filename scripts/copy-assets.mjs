// The second half of `npm run build`: tsc compiles the TypeScript of src/, scripts/ and bench/ to dist/; this copies
// the other files the compiled code loads at run time (the PDF/DOCX worker, scripts/out-of-scope.txt) to the same
// place under dist/, so `new URL("./file", import.meta.url)` finds them there as it does beside the sources.
// Plain JavaScript: it runs without a compiler.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), "..");

for (const dir of ["src", "scripts", "bench"]) {
  for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
    const from = path.join(entry.parentPath ?? entry.path, entry.name);
    if (!entry.isFile() || from.endsWith(".ts")) continue;
    const to = path.join(root, "dist", path.relative(root, from));
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
}
