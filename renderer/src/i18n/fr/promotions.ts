/** UI strings of the promotions feature. */
export const promotions = {
} as const;
