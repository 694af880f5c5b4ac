/** Quick search (Ctrl/Cmd+K): one implementation, in ../tutorial-library (see public.ts). */
export { default } from '../tutorial-library/QuickSearch';
