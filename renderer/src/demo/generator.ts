/**
 * Deterministic demo data: French names, real communes and regions, cohorts,
 * workshops with sessions and registrations. Used by the demo button, the e2e
 * tests and the benchmarks (same seed, same data).
 */
import type { Animator, StructureType, TrainingStatus } from '../domain/registry';
import type { Cohort } from '../domain/cohorts';
import type { Provider } from '../domain/people';
import type { Workshop, WorkshopSession, Registration } from '../domain/workshops';
import { businessTypes } from '../domain/people';
import { tutorialThemes } from '../domain/tutorials';
import type { Commune } from '../shared/geo';
import { createRecord, foldText, searchTokens } from '../db/records';
import { seededRandom, type Random } from './random';

const FIRST_NAMES = ['Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Claire', 'Anaïs', 'Mathilde', 'Élodie', 'Pauline', 'Hélène', 'Aurélie', 'Sophie', 'Lucas', 'Hugo', 'Thomas', 'Julien', 'Nicolas', 'Maxime', 'Antoine', 'Romain', 'Guillaume', 'François', 'Jérôme', 'Loïc', 'Benoît', 'Sébastien', 'Yann', 'Gaëlle', 'Maëlle', 'Noémie', 'Raphaël', 'Théo', 'Bastien', 'Cédric', 'Agnès', 'Océane'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Le Gall', 'Le Goff', 'Etcheverry', 'Castaing', 'Peyrot', 'Bordes', 'Ducasse', 'Larrieu', 'Cazenave', 'Lagarde', 'Guérin', 'Chevalier', 'Barbier', 'Brun', 'Blanc', 'Gauthier', 'Perrin', 'Muller', 'Schmitt', 'Œillet'];
const STRUCTURE_PREFIX: Record<StructureType, string> = {
  'office-tourisme': 'Office de tourisme',
  'pays-touristique': 'Pays touristique',
  'cdt-adt': 'Agence départementale du tourisme',
  crt: 'Comité régional du tourisme',
  cci: 'CCI',
  autre: 'Maison du tourisme',
};
const SPECIALITIES = ['réseaux sociaux', 'photo', 'vidéo', 'e-réputation', 'site web', 'référencement', 'newsletter', 'réservation en ligne', 'données ouvertes', 'Apidae', 'accessibilité', 'IA générative', 'cybersécurité', 'Google Business Profile', 'formation'];
const LANGUAGES = ['anglais', 'espagnol', 'allemand', 'italien', 'occitan', 'breton', 'basque', 'néerlandais'];
const NICKNAMES = ['Jimdo', 'Wordpress', 'Facebook', 'Instagram', 'Tripadvisor', 'Apidae', 'DATAtourisme', 'Pinterest', 'Flickr', 'Calaméo', 'Issuu', 'Mailchimp', 'Canva', 'Reels', 'Podcast'];
const WORKSHOP_TITLES: Record<string, string[]> = {
  'reseaux-sociaux': ['Facebook pour les pros', 'Instagram : démarrer', 'Réels et vidéos courtes'],
  'e-reputation': ['Répondre aux avis clients', 'Gérer sa fiche Tripadvisor'],
  'google-business-profile': ['Optimiser sa fiche Google'],
  'photo-image': ['Belles photos au smartphone', 'Droit à l’image'],
  'site-web': ['Un site simple et efficace', 'Référencement local', 'Écrire pour le web'],
  newsletter: ['Newsletter et RGPD'],
  reservation: ['Réservation en ligne et places de marché'],
  'donnees-ouvertes': ['Vos données dans Apidae et DATAtourisme'],
  'mesure-audience': ['Mesurer ses réseaux sociaux'],
  'ia-generative': ['L’IA générative au quotidien'],
  cybersecurite: ['Cybersécurité : les bons réflexes'],
  'wifi-territorial': ['Wi-Fi territorial'],
  'metier-ant': ['Diagnostic numérique du territoire'],
};

export interface DemoSizes {
  animators: number;
  cohorts: number;
  providers: number;
  workshops: number;
  registrationsPerWorkshop: number;
}
export const DEMO_SMALL: DemoSizes = { animators: 300, cohorts: 12, providers: 150, workshops: 24, registrationsPerWorkshop: 10 };

export interface DemoData {
  animators: Animator[];
  cohorts: Cohort[];
  providers: Provider[];
  workshops: Workshop[];
  sessions: WorkshopSession[];
  registrations: Registration[];
}

const STRUCTURE_TYPES: StructureType[] = ['office-tourisme', 'office-tourisme', 'office-tourisme', 'office-tourisme', 'pays-touristique', 'cdt-adt', 'crt', 'cci', 'autre'];
const STATUSES: TrainingStatus[] = ['forme', 'forme', 'forme', 'certifie', 'certifie', 'en-formation', 'abandon', 'parti'];

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
function emailOf(first: string, last: string, n: number): string {
  const f = foldText(first).replace(/[^a-z]/g, '');
  const l = foldText(last).replace(/[^a-z]/g, '');
  return `${f}.${l}${n}@exemple-ot.fr`;
}

/** Builds demo records in memory (no database access), from a commune list. */
export function generateDemoData(communes: readonly Commune[], sizes: DemoSizes = DEMO_SMALL, seed = 42, now = new Date('2026-11-01T09:00:00Z')): DemoData {
  const rnd: Random = seededRandom(seed);
  // Tourism communes: favour mid-sized places, keep it deterministic.
  const pool = communes.filter((c) => c.population >= 500 && c.regionCode);
  if (pool.length === 0) throw new Error('no commune to build demo data from');
  const stamp = (i: number) => new Date(now.getTime() + i);

  const cohorts: Cohort[] = [];
  for (let i = 0; i < sizes.cohorts; i++) {
    const commune = rnd.pick(pool);
    const year = 2010 + (i % 17);
    const start = isoDay(year, rnd.int(1, 9), rnd.int(1, 28));
    const end = isoDay(year + (rnd.chance(0.3) ? 1 : 0), 12, rnd.int(1, 28));
    cohorts.push(
      createRecord<Cohort>(
        {
          number: i + 1,
          nickname: `Promotion ${NICKNAMES[i % NICKNAMES.length]}`,
          regionCode: commune.regionCode,
          oldRegionCode: null,
          organiser: 'Relais territorial',
          trainingBody: 'Organisme de formation e-tourisme',
          trainers: [`${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`],
          startDate: start,
          endDate: end < start ? isoDay(year, 12, 28) : end,
          places: [commune.name],
          status: year < 2026 ? 'terminee' : 'en-cours',
          targetPath: 'Parcours ANT — Chargé de projets e-tourisme',
          riskThresholdPercent: 70,
        },
        stamp(i),
      ),
    );
  }

  const animators: Animator[] = [];
  for (let i = 0; i < sizes.animators; i++) {
    const firstName = rnd.pick(FIRST_NAMES);
    const lastName = rnd.pick(LAST_NAMES);
    const commune = rnd.pick(pool);
    const structureType = rnd.pick(STRUCTURE_TYPES);
    const structureName = `${STRUCTURE_PREFIX[structureType]} ${commune.name}`;
    const status = rnd.pick(STATUSES);
    const cohort = cohorts.length > 0 && rnd.chance(0.8) ? rnd.pick(cohorts) : null;
    const year = cohort ? Number(cohort.endDate.slice(0, 4)) : rnd.int(2010, 2026);
    const specialities = [...new Set([rnd.pick(SPECIALITIES), rnd.pick(SPECIALITIES)])];
    animators.push(
      createRecord<Animator>(
        {
          firstName,
          lastName,
          email: emailOf(firstName, lastName, i),
          phone: `0${rnd.int(1, 7)} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))}`,
          structureName,
          structureType,
          jobTitle: rnd.pick(['Animatrice numérique de territoire', 'Animateur numérique de territoire', 'Chargée de projets e-tourisme', 'Conseiller en séjour', 'Responsable communication']),
          communeInsee: commune.insee,
          communeName: commune.name,
          postalCode: commune.postalCodes[0] ?? '',
          departmentCode: commune.departmentCode,
          regionCode: commune.regionCode,
          status,
          cohortId: cohort?.id ?? null,
          trainingStart: cohort?.startDate ?? null,
          trainingEnd: status === 'en-formation' ? null : (cohort?.endDate ?? null),
          trainedYear: status === 'en-formation' || status === 'abandon' ? null : year,
          specialities,
          languages: rnd.chance(0.6) ? [rnd.pick(LANGUAGES)] : [],
          notes: '',
          consent: { given: rnd.chance(0.7), date: rnd.chance(0.7) ? isoDay(year, rnd.int(1, 12), rnd.int(1, 28)) : null, purpose: 'annuaire régional des ANT' },
          lastContactAt: isoDay(rnd.int(2020, 2026), rnd.int(1, 10), rnd.int(1, 28)),
          tokens: searchTokens(firstName, lastName, structureName, commune.name, emailOf(firstName, lastName, i).split('@')[0]),
          sortName: foldText(`${lastName} ${firstName}`),
        },
        stamp(i),
      ),
    );
  }

  const providers: Provider[] = [];
  for (let i = 0; i < sizes.providers; i++) {
    const firstName = rnd.pick(FIRST_NAMES);
    const lastName = rnd.pick(LAST_NAMES);
    const commune = rnd.pick(pool);
    const businessType = rnd.pick(businessTypes);
    const structure = `${rnd.pick(['Gîte', 'Camping', 'Ferme-auberge', 'Château', 'Chambres d’hôtes', 'Restaurant', 'Canoë', 'Musée'])} ${rnd.pick(['des Tilleuls', 'du Lac', 'de la Source', 'Saint-Martin', 'des Vignes', 'du Moulin', 'Bellevue'])}`;
    const consent = rnd.chance(0.75);
    providers.push(
      createRecord<Provider>(
        {
          firstName,
          lastName,
          structure,
          businessType,
          communeInsee: commune.insee,
          communeName: commune.name,
          email: `contact${i}@${foldText(structure).replace(/[^a-z]/g, '')}.fr`,
          phone: `06 ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))} ${pad(rnd.int(0, 99))}`,
          consent: { given: consent, date: consent ? isoDay(2026, rnd.int(1, 10), rnd.int(1, 28)) : null, purpose: 'invitations aux ateliers' },
          notes: '',
          lastContactAt: null,
          tokens: searchTokens(firstName, lastName, structure, commune.name),
          sortName: foldText(`${lastName} ${firstName}`),
        },
        stamp(i),
      ),
    );
  }

  const workshops: Workshop[] = [];
  const sessions: WorkshopSession[] = [];
  const registrations: Registration[] = [];
  for (let i = 0; i < sizes.workshops; i++) {
    const theme = tutorialThemes[i % tutorialThemes.length]!;
    const title = rnd.pick(WORKSHOP_TITLES[theme] ?? ['Atelier numérique']);
    const commune = rnd.pick(pool);
    const year = 2025 + (i % 2);
    const month = [1, 2, 3, 4, 5, 10, 11, 12][i % 8]!;
    const day = rnd.int(1, 27);
    const date = isoDay(year, month, day);
    const morning = rnd.chance(0.6);
    const capacity = rnd.int(8, 12);
    const workshop = createRecord<Workshop>(
      {
        title,
        theme,
        description: `Atelier collectif pour les prestataires touristiques : ${title.toLowerCase()}.`,
        objectives: 'Repartir avec une action concrète à mettre en place dans la semaine.',
        audience: ['hebergement', 'restauration'],
        prerequisites: 'Venir avec son ordinateur portable ou son smartphone.',
        format: 'collectif',
        place: { communeInsee: commune.insee, communeName: commune.name, address: 'Place de la Mairie', room: 'Salle des fêtes' },
        capacity,
        animators: [`${rnd.pick(FIRST_NAMES)} ${rnd.pick(LAST_NAMES)}`],
        status: year < 2026 || month < 11 ? 'realise' : 'publie',
        accessibility: 'Salle de plain-pied, accessible en fauteuil roulant.',
        contact: 'Office de tourisme — 05 00 00 00 00',
        agenda: [],
        materials: [],
        materialsNotes: '',
        evaluationQuestions: [],
        isTemplate: false,
        templateId: null,
        firstDate: date,
        lastDate: date,
      },
      stamp(i),
    );
    workshops.push(workshop);
    sessions.push(
      createRecord<WorkshopSession>(
        { workshopId: workshop.id, start: `${date}T${morning ? '09:00' : '14:00'}`, end: `${date}T${morning ? '12:00' : '17:00'}`, sequence: 0, cancelled: false },
        stamp(i),
      ),
    );
    for (let r = 0; r < sizes.registrationsPerWorkshop && providers.length > 0; r++) {
      const person = providers[(i * 7 + r * 13) % providers.length]!;
      const waiting = r >= capacity;
      const status = waiting ? 'attente' : 'inscrit';
      registrations.push(
        createRecord<Registration>(
          { workshopId: workshop.id, personId: person.id, status, waitRank: waiting ? r - capacity + 1 : 0, history: [{ status, at: stamp(i).toISOString() }] },
          stamp(i),
        ),
      );
    }
  }
  return { animators, cohorts, providers, workshops, sessions, registrations };
}
