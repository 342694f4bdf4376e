/**
 * Worker-thread entry of the pool (node only). Derives the field keys once from `workerData`,
 * then answers every task with one outcome per record.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createPseudonymizer, deriveFieldKeys } from "@corridor/pseudonym";
import type { Reply, Task, WorkerInit } from "./protocol.js";
import { pseudonymizeChunk, pseudonymizeLines } from "./work.js";

const init = workerData as WorkerInit;
const pseudonymizer = createPseudonymizer(deriveFieldKeys(init.secret), init.pseudonymizer);
init.secret.secret.fill(0); // this thread's copy; the derived keys are all it needs from now on

parentPort!.on("message", (task: Task) => {
  const reply: Reply =
    task.kind === "records"
      ? {
          id: task.id,
          kind: "records",
          outcomes: pseudonymizeChunk(task.records, pseudonymizer, init.inputValidated),
        }
      : {
          id: task.id,
          kind: "ndjson",
          outcomes: pseudonymizeLines(task.lines, pseudonymizer, init.inputValidated),
        };
  parentPort!.postMessage(reply);
});
