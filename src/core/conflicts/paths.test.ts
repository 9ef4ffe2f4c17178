import { describe, expect, it } from 'vitest';
import type { RelationshipType } from '../relationships';
import { pathText } from './explain';
import { findPaths, type GraphEdge, type PathTarget } from './paths';

let next = 0;
const edge = (from: string, type: RelationshipType, to: string): GraphEdge => ({ id: `r${(next += 1)}`, from, to, type });

function graph(edges: GraphEdge[], targets: Record<string, PathTarget>, hubs: string[] = []) {
  return (start: string, hops: number) =>
    findPaths({
      start,
      hops,
      edgesOf: (id) => edges.filter((e) => e.from === id || e.to === id),
      targetOf: (id) => targets[id] ?? null,
      isHub: (id) => hubs.includes(id),
    });
}
const route = (path: { steps: { partyId: string }[] }) => path.steps.map((s) => s.partyId).join(' ');

describe('findPaths', () => {
  const edges = [
    edge('husband', 'spouse', 'li.na'),
    edge('husband', 'director', 'client'),
    edge('brother', 'sibling', 'husband'),
    edge('li.na', 'employee', 'firm'),
    edge('wang', 'employee', 'firm'),
    edge('neighbour', 'same_address', 'wang'),
  ];
  const find = graph(edges, { 'li.na': 'staff', wang: 'staff', client: 'client' }, ['firm']);

  it('reaches staff and clients within the hops, and stops at the first one', () => {
    expect(find('husband', 1).map(route)).toEqual(['li.na', 'client']);
    expect(find('brother', 1)).toEqual([]);
    expect(find('brother', 2).map((p) => [p.target, route(p)])).toEqual([
      ['staff', 'husband li.na'],
      ['client', 'husband client'],
    ]);
  });

  it('does not walk through a hub such as the firm itself', () => {
    // wang and li.na are colleagues only through the firm: no path from one to the other.
    expect(find('wang', 3).map(route)).toEqual([]);
    expect(find('li.na', 2).map(route)).toEqual(['husband client']);
  });

  it('marks paths made only of circumstantial links as weak, and ranks them last', () => {
    const [path] = find('neighbour', 2);
    expect(path).toMatchObject({ target: 'staff', weak: true });
    const both = graph([...edges, edge('neighbour', 'business_partner', 'client')], { wang: 'staff', client: 'client' })('neighbour', 1);
    expect(both.map((p) => [p.target, p.weak])).toEqual([
      ['client', false],
      ['staff', true],
    ]);
  });

  it('reads each relationship in its own direction', () => {
    const [path] = graph(edges, { husband: 'staff' })('client', 1);
    expect(path!.steps[0]).toMatchObject({ reversed: true, partyId: 'husband' });
    const words = (locale: 'zh-CN' | 'en') => pathText({ startName: '鼎盛', target: 'staff', steps: [{ type: 'director', reversed: true, name: '张建华' }, { type: 'spouse', reversed: false, name: '李娜' }] }, locale);
    expect(words('zh-CN')).toBe('鼎盛 ←董事— 张建华 —配偶— 李娜（员工）');
    expect(words('en')).toBe('鼎盛 ←director of— 张建华 —spouse— 李娜 (staff)');
  });

  it('keeps one path per party reached, the shortest', () => {
    const loop = graph([edge('a', 'business_partner', 'b'), edge('b', 'business_partner', 'c'), edge('a', 'shareholder', 'c')], { c: 'client' });
    expect(loop('a', 3).map(route)).toEqual(['c']);
  });
});
