import type { safekeeping as fr } from '../fr/safekeeping';

export const safekeeping = {
} satisfies Record<keyof typeof fr, string>;
