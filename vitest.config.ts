import { defineConfig } from "vitest/config";

// Tests run on TypeScript sources: the "@corridor/source" export condition points every
// workspace package at its src/ instead of its (unbuilt) dist/.
const conditions = ["@corridor/source", "import", "module", "node", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
