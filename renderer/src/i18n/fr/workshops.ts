/** UI strings of the workshops feature. */
export const workshops = {
} as const;
