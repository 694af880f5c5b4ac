/** The /tutoriels section: one implementation, in ../tutorial-library (see public.ts). */
export { default } from '../tutorial-library/TutorialLibraryRoutes';
