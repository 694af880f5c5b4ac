import type { tutorials as fr } from '../fr/tutorials';

export const tutorials = {
} satisfies Record<keyof typeof fr, string>;
