/** 2^pairs ids of 4·pairs characters with one unkeyed FNV-1a hash. */
export function collidingIds(pairs: number): string[];
