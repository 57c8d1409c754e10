/**
 * Reading raw data leniently: the rules run on data the schema may have rejected, so every access
 * tolerates a missing or wrongly shaped value.
 */
import type { PathSegment } from '../yaml-source';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const asNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function childOf(node: unknown, segment: PathSegment): unknown {
  if (Array.isArray(node)) return typeof segment === 'number' ? node[segment] : undefined;
  return isObj(node) ? node[String(segment)] : undefined;
}

export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((node, segment) => childOf(node, segment), data);
}
