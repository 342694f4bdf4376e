export * from "./linkage/index.js";
export * from "./pseudonymize/index.js";
