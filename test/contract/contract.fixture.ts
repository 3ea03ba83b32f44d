import { join } from 'node:path';
import type { PublicationOrder } from '../../src/domain/query.types';
import type { GraphStore } from '../../src/store/store';

/** Returns the store under test; a function because the suite creates it in beforeAll. */
export type StoreRef = () => GraphStore;

/** The fictional entries the contract loads beside the seed page. */
export const EXTRA = join(__dirname, '..', 'fixtures', 'contract-extra.txt');

// The 9 seed entries and the 5 fictional entries of contract-extra.txt, as the importer names them.
export const P = {
  nigeria: 'Publication:a-referral-mechanism-for-victims-of-trafficking-in-nigeria', // 2021
  thailand: 'Publication:forced-labour-at-sea-during-covid-19-in-thailand', // 2021
  covidFacts: 'Publication:covid-19-impact-on-trafficking-in-persons-a-protection-gender-inclusion-pgi-factsheet', // 2020
  covidGuide: 'Publication:covid-19-impact-on-trafficking-in-persons-a-protection-gender-inclusion-pgi-technical-790a17', // 2020
  guatemala: 'Publication:child-marriage-and-forced-labour-in-guatemala', // 2019
  iom: 'Publication:iom-case-data-analysis-human-trafficking', // 2019, Bangladesh
  gangs: 'Publication:gang-recruitment-of-children-in-honduras-and-el-salvador', // 2018
  ms13: 'Publication:the-connection-between-the-mara-salvatrucha-ms-13-and-human-trafficking', // 2017
  demand: 'Publication:the-demand-side-in-anti-trafficking-current-measures-and-ways-forward', // 2017
  girl: 'Publication:a-girl-no-more-the-changing-norms-of-child-marriage-in-conflict', // 2016
  middleEast: 'Publication:early-marriage-among-refugees-in-the-middle-east', // 2016
  nutshell: 'Publication:commercial-sexual-exploitation-and-trafficking-of-children-in-a-nutshell', // 2015
  wayForward: 'Publication:the-way-forward-in-establishing-effective-transnational-referral-mechanisms-a-report-b703d4', // 2012
  training: 'Publication:training-manual-to-fight-trafficking-in-children-for-labour-sexual-and-other-forms-of-48f509', // 2009
};
/** Every publication by YEAR DESC (then id). */
export const YEAR_DESC = Object.values(P);
/** Every publication by YEAR ASC (then id). */
export const YEAR_ASC = [P.training, P.wayForward, P.nutshell, P.girl, P.middleEast, P.ms13, P.demand, P.gangs, P.guatemala, P.iom, P.covidFacts, P.covidGuide, P.nigeria, P.thailand];
// Case ignored: "Commercial" < "COVID-19" < "Early", where code-unit order would put "COVID" before "Child".
/** Every publication by TITLE ASC. */
export const TITLE_ASC = [P.girl, P.nigeria, P.guatemala, P.nutshell, P.covidFacts, P.covidGuide, P.middleEast, P.thailand, P.gangs, P.iom, P.ms13, P.demand, P.wayForward, P.training];
/** The default publication order. */
export const YEAR_DESC_ORDER: PublicationOrder = { field: 'YEAR', direction: 'DESC' };

/** Returns the ids of nodes. */
export const ids = (nodes: readonly { id: string }[] | undefined): string[] => (nodes ?? []).map((n) => n.id);
/** Returns [id, count] pairs. */
export const counted = (rows: readonly { node: { id: string }; count: number }[] | undefined): [string, number][] => (rows ?? []).map((r) => [r.node.id, r.count]);
/** Returns a sorted copy. */
export const sorted = (values: readonly string[]): string[] => [...values].sort();
