/**
 * Who an import's rows name, asked of the registry's worker over a port the window handed to
 * both (registry-client.ts peoplePort): the registry is held once, there, instead of a second
 * read-only copy loaded into the import's worker (~50 MB and seconds at 100,000 people).
 */
import type { PeopleAnswer, PeopleAsk } from '../registry-protocol';
import type { FindPeople } from './plan';

export function portPeople(port: MessagePort): FindPeople {
  let next = 0;
  const waiting = new Map<number, { resolve: (a: Extract<PeopleAnswer, { byEmail: unknown }>) => void; reject: (e: Error) => void }>();
  port.onmessage = (event: MessageEvent<PeopleAnswer>) => {
    const answer = event.data;
    const w = waiting.get(answer.request);
    waiting.delete(answer.request);
    if ('error' in answer) w?.reject(new Error(answer.error));
    else w?.resolve(answer);
  };
  // The registry's worker gone (its port closed with it): the questions it can no longer answer fail.
  port.addEventListener('close', () => {
    for (const w of waiting.values()) w.reject(new Error('registry worker closed'));
    waiting.clear();
  });
  return (emails, sortNames, keys) =>
    new Promise((resolve, reject) => {
      const request = ++next;
      waiting.set(request, { resolve: ({ byEmail, byKey }) => resolve({ byEmail, byKey }), reject });
      port.postMessage({ request, emails, sortNames, keys } satisfies PeopleAsk);
    });
}
