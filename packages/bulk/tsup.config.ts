import { defineConfig } from "tsup";

export default defineConfig({
  // worker.ts is loaded by path at run time (new URL("./worker.js", import.meta.url)).
  entry: ["src/index.ts", "src/worker.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "node",
});
