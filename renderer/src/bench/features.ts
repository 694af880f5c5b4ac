/**
 * The app's own code each scenario measures, behind one small adapter per
 * feature. A feature that has not landed yet is null: its scenario reports
 * "not available yet" (and still measures its raw baseline).
 */
import type { Animator } from '../domain/registry';

/** A registry query as the list screen issues it: filter, sort, first page. */
export interface RegistryQuery {
  label: string;
  text: string;
  regionCode: string | null;
  status: Animator['status'] | null;
  pageSize: number;
}

export interface TutorialSearchAdapter {
  /** builds the index (not timed per keystroke) */
  prepare(): Promise<void>;
  /** ids of the tutorials found for what is typed */
  search(query: string): Promise<string[]> | string[];
}

export interface RegistryAdapter {
  /** ids of the first page, in display order */
  firstPage(query: RegistryQuery): Promise<string[]>;
}

export interface CsvImportAdapter {
  /** the CSV a user would import, for these animators */
  toCsv(rows: readonly Animator[]): string;
  /** parse, validate, write; returns how many records were written */
  importCsv(csv: string): Promise<number>;
}

export interface BackupAdapter {
  /** the full backup file's text, and how many records it holds */
  exportBackup(): Promise<{ text: string; records: number }>;
  /** validates and restores (all or nothing); returns records written */
  restoreBackup(text: string): Promise<number>;
}

export interface MergeAdapter {
  /** an exchange file carrying these changed records */
  exchangeFile(changed: Record<string, readonly unknown[]>): Promise<string>;
  /** plans and applies the merge; returns records changed locally */
  merge(text: string): Promise<number>;
}

export interface Features {
  tutorials: TutorialSearchAdapter | null;
  registry: RegistryAdapter | null;
  csvImport: CsvImportAdapter | null;
  backup: BackupAdapter | null;
  merge: MergeAdapter | null;
}

export const features: Features = {
  tutorials: null,
  registry: null,
  csvImport: null,
  backup: null,
  merge: null,
};
