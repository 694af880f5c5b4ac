import type { cohorts as fr } from '../fr/cohorts';

export const cohorts = {
} satisfies Record<keyof typeof fr, string>;
