/** UI strings of the cohorts feature. */
export const cohorts = {
} as const;
