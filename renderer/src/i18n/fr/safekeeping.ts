/** UI strings of the safekeeping feature. */
export const safekeeping = {
} as const;
