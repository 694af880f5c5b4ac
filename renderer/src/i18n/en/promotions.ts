import type { promotions as fr } from '../fr/promotions';

export const promotions = {
} satisfies Record<keyof typeof fr, string>;
