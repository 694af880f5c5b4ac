import type { animators as fr } from '../fr/animators';

export const animators = {
} satisfies Record<keyof typeof fr, string>;
