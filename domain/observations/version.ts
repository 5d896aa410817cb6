// Recorded in every observation row (transformer_version): bump when a transformer's output changes.
export const TRANSFORMER_VERSION = '1';
