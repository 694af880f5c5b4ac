import type { workshops as fr } from '../fr/workshops';

export const workshops = {
} satisfies Record<keyof typeof fr, string>;
