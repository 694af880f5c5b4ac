import type { participants as fr } from '../fr/participants';

export const participants = {
} satisfies Record<keyof typeof fr, string>;
