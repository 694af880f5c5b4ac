/** UI strings of the animators feature. */
export const animators = {
} as const;
