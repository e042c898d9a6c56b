// A stand-in for the extraction worker that misbehaves on purpose (test/formats-safety.test.ts): it loops forever,
// exhausts its heap, or exits, as a library might on a hostile file; "pdf" after that answers like the real one.
import { parentPort } from "node:worker_threads";

parentPort.on("message", ({ id, bytes }) => {
  const order = Buffer.from(bytes).toString("latin1");
  if (order === "hang") for (;;);
  if (order === "oom") {
    const hoard = [];
    for (;;) hoard.push(new Array(1e6).fill({ order }));
  }
  if (order === "exit") process.exit(3);
  parentPort.postMessage({ id, ok: true, result: { title: null, pages: [[["Ana Moreno: Fine.", 72, 700, 80, 11, true]]] } });
});
