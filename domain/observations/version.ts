// PLACEHOLDER until H1 lands
export const TRANSFORMER_VERSION: string = '0-placeholder';
