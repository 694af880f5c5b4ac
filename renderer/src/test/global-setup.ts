// The geography index is generated at build time; make sure it exists for tests.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-geo.mjs'], { stdio: 'inherit' });
}
