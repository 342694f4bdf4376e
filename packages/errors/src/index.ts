export { type CorridorErrorCode, ERROR_CODES } from "./codes/index.js";
export {
  CorridorError,
  type CorridorErrorOptions,
  type CorridorIssue,
  formatPath,
  isCorridorError,
  type PathSegment,
} from "./error.js";
export { type Result, toResult, toResultAsync } from "./result.js";
