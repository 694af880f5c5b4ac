import type { library as fr } from '../fr/library';

export const library = {
} satisfies Record<keyof typeof fr, string>;
