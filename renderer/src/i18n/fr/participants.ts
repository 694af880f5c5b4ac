/** UI strings of participants: providers directory, registrations, attendance, sign-in, evaluations. */
export const participants = {
} as const;
