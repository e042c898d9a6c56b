// Worker: nothing at all. Its peak RSS is what Node (and tsx's loader, when run from the sources) costs every
// worker, to read the other figures against.
import { worker } from "./child.js";

worker(async () => ({}));
