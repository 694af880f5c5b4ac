/** UI strings of the data feature. */
export const data = {
} as const;
