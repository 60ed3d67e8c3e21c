// Typed access to a GraphDef node's attributes as TFJS serialises them (strings base64, int64 as strings).
import type { TfNode } from './tfjs-model';

export function attrString(node: TfNode, name: string, fallback?: string): string {
  const encoded = node.attr[name]?.s;
  if (encoded === undefined) return required(node, name, fallback);
  return Buffer.from(encoded, 'base64').toString('utf8');
}

export function attrStrings(node: TfNode, name: string): string[] {
  return (node.attr[name]?.list?.s ?? []).map((encoded) => Buffer.from(encoded, 'base64').toString('utf8'));
}

export function attrInt(node: TfNode, name: string, fallback?: number): number {
  const value = node.attr[name]?.i;
  return value === undefined ? required(node, name, fallback) : Number(value);
}

export function attrInts(node: TfNode, name: string, fallback?: number[]): number[] {
  const values = node.attr[name]?.list?.i;
  return values === undefined ? required(node, name, fallback) : values.map(Number);
}

export function attrFloat(node: TfNode, name: string, fallback?: number): number {
  const value = node.attr[name]?.f;
  return value === undefined ? required(node, name, fallback) : value;
}

export function attrBool(node: TfNode, name: string, fallback?: boolean): boolean {
  const value = node.attr[name]?.b;
  return value === undefined ? required(node, name, fallback) : value;
}

export function attrType(node: TfNode, name: string, fallback?: string): string {
  const value = node.attr[name]?.type;
  return value === undefined ? required(node, name, fallback) : value;
}

// A Placeholder's declared shape; unknown dimensions come back as -1.
export function attrShape(node: TfNode, name: string): number[] | undefined {
  const dims = node.attr[name]?.shape?.dim;
  return dims?.map((dim) => (dim.size === undefined ? -1 : Number(dim.size)));
}

function required<T>(node: TfNode, name: string, fallback: T | undefined): T {
  if (fallback === undefined) throw new Error(`${node.op} ${node.name}: attribute ${name} is missing`);
  return fallback;
}
