import type { data as fr } from '../fr/data';

export const data = {
} satisfies Record<keyof typeof fr, string>;
