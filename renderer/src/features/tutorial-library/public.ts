/** What other features use from the tutorial library. */
export { useTutorialList, TutorialPicker, TutorialHandouts } from './public-components';
