/**
 * What other features use from the tutorials (workshops: déroulé steps and handouts;
 * cohorts: modules). The implementation lives in `../tutorial-library`, which the shell
 * mounts; this path is the stable one announced to the other features, so it
 * re-exports that implementation instead of keeping a second copy.
 */
export { useTutorialList, TutorialPicker, TutorialHandouts } from '../tutorial-library/public';
export type { TutorialSummary } from '../tutorial-library/public-components';
