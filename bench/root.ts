// Where the project is, whether this code runs from its sources (bench/, under tsx or vitest) or compiled
// (dist/bench/, `npm run bench`): the nearest folder above that holds package.json.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function projectRoot(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = projectRoot(fileURLToPath(import.meta.url));

/** Whether this code is the compiled JavaScript in dist/ (else the TypeScript sources, run by tsx or vitest). */
export const COMPILED = import.meta.url.endsWith(".js");
