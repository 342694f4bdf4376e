export * from "./pseudonymize/index.js";
export * from "./linkage/index.js";
