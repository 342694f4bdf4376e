/** Scheme name written in every Bloom-filter encoding of this format (spec/linkage.md §6.1). */
export const CLK_SCHEME = "clk";
/** Version of the encoder (feature extraction, hashing, hardening); written in every encoding. */
export const CLK_ENCODER_VERSION = "1.0";
