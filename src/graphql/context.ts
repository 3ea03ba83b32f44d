import type { GraphStore } from '../store/store';
import { Loaders } from './loaders';

/** What every resolver of one request sees: the store port and that request's loaders. */
export interface RequestContext {
  readonly store: GraphStore;
  readonly loaders: Loaders;
}

/** Returns a fresh context for one request. */
export function createContext(store: GraphStore): RequestContext {
  return { store, loaders: new Loaders(store) };
}
