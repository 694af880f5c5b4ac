/** UI strings of the tutorials feature. */
export const tutorials = {
} as const;
