/**
 * What other features may use from the registry. Signatures here are stable;
 * everything else in this folder is private to the feature.
 */
export { AnimatorPicker } from './AnimatorPicker';
export { createAnimatorQuick, updateAnimatorTraining, getAnimator, displayName, findDuplicates } from './repository';
export type { QuickAnimatorInput, TrainingChanges, Duplicate } from './repository';
export { queryAnimators, emptyFilter } from './query';
export type { AnimatorFilter, AnimatorSort, PageRequest } from './query';
export { findAnimators } from './registry-client';
export type { ListRow } from './registry';
