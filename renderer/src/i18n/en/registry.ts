import type { registry as fr } from '../fr/registry';

export const registry = {
} satisfies Record<keyof typeof fr, string>;
