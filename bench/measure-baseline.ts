// Worker: nothing at all. Its peak RSS is what Node plus the TypeScript loader cost every worker, to read
// the other figures against.
import { worker } from "./child.js";

worker(async () => ({}));
