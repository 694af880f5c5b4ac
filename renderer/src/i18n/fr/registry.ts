/** UI strings of the registry feature. */
export const registry = {
} as const;
