/** UI strings of the library feature. */
export const library = {
} as const;
