import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HUB_LINKS } from '../conflicts/paths';
import { relationshipRules, type RelationshipType } from '../relationships';
import { defaultRecusalRules, type RecusalRule } from './rules';
import { explainSuggestion, indexRecusalGraph, isCurrent, suggestFor, suggestRecusals, yearsBefore, type ClientRef, type DeclaredDispute, type RecusalEdge, type RecusalSuggestion } from './suggest';

const TODAY = '2025-06-15';
const names: Record<string, string> = {
  staff: '李娜',
  husband: '张建华',
  client: '上海鼎盛精密机械股份有限公司',
  person: '王芳',
  a: '赵一',
  b: '钱二',
  c: '孙三',
};
const nameOf = (id: string) => names[id] ?? id;

let serial = 0;
const edge = (from: string, type: RelationshipType, to: string, extra: Partial<RecusalEdge> = {}): RecusalEdge => ({ id: `r${String((serial += 1)).padStart(4, '0')}`, from, to, type, ...extra });
const clients: ClientRef[] = [
  { clientId: 'C1', partyId: 'client' },
  { clientId: 'C2', partyId: 'person' },
];
const run = (edges: RecusalEdge[], options: { rules?: readonly RecusalRule[]; disputes?: DeclaredDispute[]; today?: string } = {}) =>
  suggestRecusals({ edges, disputes: options.disputes ?? [] }, [{ partyId: 'staff', userId: 'u1' }], clients, options.rules ?? defaultRecusalRules, options.today ?? TODAY);
const fired = (suggestions: RecusalSuggestion[]) => suggestions.flatMap((s) => s.findings.map((f) => `${s.clientId} ${f.ruleId}`));

describe('yearsBefore', () => {
  it('moves the year and keeps the day, 29 February falling back in common years', () => {
    expect(yearsBefore('2025-06-15', 2)).toBe('2023-06-15');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('2024-02-29', 4)).toBe('2020-02-29');
    expect(yearsBefore('2025-06-15', 0)).toBe('2025-06-15');
  });
});

describe('suggestRecusals: must suggest', () => {
  it.each<[string, () => RecusalEdge[], string[], DeclaredDispute[]?]>([
    ['the spouse of a director', () => [edge('staff', 'spouse', 'husband'), edge('husband', 'director', 'client')], ['C1 kinship.close', 'C1 kinship.extended']],
    ['a parent who is the legal representative', () => [edge('a', 'parent', 'staff'), edge('a', 'legal_representative', 'client')], ['C1 kinship.close', 'C1 kinship.extended']],
    ['a child who is the general manager', () => [edge('a', 'child', 'staff'), edge('a', 'employee', 'client', { role: ' 总经理 ' })], ['C1 kinship.close', 'C1 kinship.extended']],
    ['a sibling who is a supervisor', () => [edge('staff', 'sibling', 'a'), edge('a', 'supervisor', 'client')], ['C1 kinship.close', 'C1 kinship.extended']],
    ['a sibling holding 5% (a key shareholder, and over the 1% shareholding rule)', () => [edge('staff', 'sibling', 'a'), edge('a', 'shareholder', 'client', { shareBasisPoints: 500 })], ['C1 kinship.close', 'C1 shareholding', 'C1 kinship.extended']],
    ['a spouse holding 3% (not a key shareholder)', () => [edge('staff', 'spouse', 'husband'), edge('husband', 'shareholder', 'client', { shareBasisPoints: 300 })], ['C1 shareholding']],
    ['the staff member holding 1%', () => [edge('staff', 'shareholder', 'client', { shareBasisPoints: 100 })], ['C1 shareholding']],
    ['an other relative who is a director (two ties are allowed for relatives)', () => [edge('staff', 'relative', 'a'), edge('a', 'director', 'client')], ['C1 kinship.extended']],
    ["a spouse's sibling who is a director", () => [edge('staff', 'spouse', 'husband'), edge('husband', 'sibling', 'a'), edge('a', 'director', 'client')], ['C1 kinship.extended']],
    ['a relative two ties away who is a director', () => [edge('staff', 'relative', 'a'), edge('a', 'relative', 'b'), edge('b', 'director', 'client')], ['C1 kinship.extended']],
    ['a sibling who is the (individual) client', () => [edge('staff', 'sibling', 'person')], ['C2 kinship.close', 'C2 kinship.extended']],
    ['current employment', () => [edge('staff', 'employee', 'client', { validFrom: '2020-01-01' })], ['C1 employment']],
    ['employment ended exactly two years ago', () => [edge('staff', 'employee', 'client', { validTo: '2023-06-15' })], ['C1 employment']],
    ['a directorship ended last year', () => [edge('staff', 'director', 'client', { validTo: '2024-12-31' })], ['C1 employment']],
    ['a relationship that ends today', () => [edge('staff', 'spouse', 'husband', { validTo: TODAY }), edge('husband', 'director', 'client')], ['C1 kinship.close', 'C1 kinship.extended']],
    ['a hub that is itself a director (reached, not walked through)', () => [edge('staff', 'sibling', 'a'), edge('a', 'director', 'client'), ...Array.from({ length: HUB_LINKS + 1 }, (_, i) => edge('a', 'relative', `x${i}`))], ['C1 kinship.close', 'C1 kinship.extended']],
    ['a declared dispute with a director', () => [edge('husband', 'director', 'client')], ['C1 personal_dispute'], [{ id: 'd1', staffPartyId: 'staff', counterpartyId: 'husband', validFrom: '2025-01-01' }]],
    ['a declared dispute with the client, ended within a year', () => [], ['C1 personal_dispute'], [{ id: 'd1', staffPartyId: 'staff', counterpartyId: 'client', validTo: '2024-07-01' }]],
  ])('%s', (_name, edges, expected, disputes) => {
    expect(fired(run(edges(), { disputes }))).toEqual(expected);
  });
});

describe('suggestRecusals: must not suggest', () => {
  it.each<[string, () => RecusalEdge[], DeclaredDispute[]?]>([
    ['a relative three ties away', () => [edge('staff', 'relative', 'a'), edge('a', 'relative', 'b'), edge('b', 'relative', 'c'), edge('c', 'director', 'client')]],
    ['a shareholding below the threshold', () => [edge('staff', 'shareholder', 'client', { shareBasisPoints: 99 })]],
    ["a spouse's shareholding below the threshold", () => [edge('staff', 'spouse', 'husband'), edge('husband', 'shareholder', 'client', { shareBasisPoints: 50 })]],
    ["a sibling's spouse's shareholding (the shareholding rule counts close kin one tie away)", () => [edge('staff', 'sibling', 'a'), edge('a', 'spouse', 'b'), edge('b', 'shareholder', 'client', { shareBasisPoints: 300 })]],
    ['employment ended three years ago', () => [edge('staff', 'employee', 'client', { validTo: '2022-06-14' })]],
    ['employment ended two years and a day ago', () => [edge('staff', 'employee', 'client', { validTo: '2023-06-14' })]],
    ['employment that starts next month', () => [edge('staff', 'employee', 'client', { validFrom: '2025-07-01' })]],
    ['an ended marriage', () => [edge('staff', 'spouse', 'husband', { validTo: '2020-01-01' }), edge('husband', 'director', 'client')]],
    ['an ended directorship of a spouse', () => [edge('staff', 'spouse', 'husband'), edge('husband', 'director', 'client', { validTo: '2025-06-14' })]],
    ['a directorship that has not begun', () => [edge('staff', 'spouse', 'husband'), edge('husband', 'director', 'client', { validFrom: '2025-06-16' })]],
    ['a spouse who is an ordinary employee', () => [edge('staff', 'spouse', 'husband'), edge('husband', 'employee', 'client', { role: '客户经理' })]],
    ['a spouse who is an employee with no title', () => [edge('staff', 'spouse', 'husband'), edge('husband', 'employee', 'client')]],
    ['a business partner who is a director (not family)', () => [edge('staff', 'business_partner', 'a'), edge('a', 'director', 'client')]],
    ['a neighbour at the same address', () => [edge('staff', 'same_address', 'a'), edge('a', 'director', 'client')]],
    ['a relative reached only through a hub', () => [edge('staff', 'relative', 'a'), edge('a', 'relative', 'b'), edge('b', 'director', 'client'), ...Array.from({ length: HUB_LINKS }, (_, i) => edge('a', 'business_partner', `x${i}`))]],
    ['a dispute with an ordinary employee', () => [edge('a', 'employee', 'client', { role: '文员' })], [{ id: 'd1', staffPartyId: 'staff', counterpartyId: 'a' }]],
    ['a dispute that ended two years ago', () => [], [{ id: 'd1', staffPartyId: 'staff', counterpartyId: 'client', validTo: '2023-06-15' }]],
    ['a dispute declared to start later', () => [], [{ id: 'd1', staffPartyId: 'staff', counterpartyId: 'client', validFrom: '2025-09-01' }]],
    ['a director of a party that is not a client', () => [edge('staff', 'spouse', 'husband'), edge('husband', 'director', 'other.org')]],
  ])('%s', (_name, edges, disputes) => {
    expect(fired(run(edges(), { disputes }))).toEqual([]);
  });
});

describe('suggestRecusals', () => {
  it('gives one suggestion per pair, rules most serious first, with evidence', () => {
    const edges = [edge('staff', 'spouse', 'husband'), edge('husband', 'director', 'client'), edge('husband', 'shareholder', 'client', { shareBasisPoints: 1_250 }), edge('staff', 'employee', 'client', { validTo: '2024-03-31' })];
    const [suggestion, ...rest] = run(edges);
    expect(rest).toEqual([]);
    expect(suggestion).toMatchObject({ staffPartyId: 'staff', staffUserId: 'u1', clientId: 'C1', clientPartyId: 'client', severity: 'high' });
    expect(suggestion!.findings.map((f) => [f.ruleId, f.severity, f.evidence.length])).toEqual([
      ['kinship.close', 'high', 2],
      ['shareholding', 'high', 1],
      ['employment', 'high', 1],
      ['kinship.extended', 'medium', 2],
    ]);
  });

  it('explains each suggestion in Chinese and English, each line once', () => {
    const edges = [edge('staff', 'spouse', 'husband'), edge('husband', 'director', 'client'), edge('husband', 'shareholder', 'client', { shareBasisPoints: 1_250 })];
    const [suggestion] = run(edges);
    expect(explainSuggestion(suggestion!, nameOf, 'zh-CN')).toEqual([
      '李娜 —配偶— 张建华 —董事→ 上海鼎盛精密机械股份有限公司（客户）：员工的配偶担任客户董事',
      '李娜 —配偶— 张建华 —股东→ 上海鼎盛精密机械股份有限公司（客户）：员工的配偶持有客户 12.50% 股份',
    ]);
    expect(explainSuggestion(suggestion!, nameOf, 'en')).toEqual([
      "李娜 —spouse— 张建华 —director of→ 上海鼎盛精密机械股份有限公司 (client): The staff member's spouse is a director of the client",
      "李娜 —spouse— 张建华 —shareholder of→ 上海鼎盛精密机械股份有限公司 (client): The staff member's spouse holds 12.50% of the client",
    ]);
  });

  it.each<[string, () => RecusalEdge[], DeclaredDispute[], string, string]>([
    [
      'a parent, read against the edge',
      () => [edge('a', 'parent', 'staff'), edge('a', 'legal_representative', 'client')],
      [],
      '李娜 ←父母— 赵一 —法定代表人→ 上海鼎盛精密机械股份有限公司（客户）：员工的父母是客户的法定代表人',
      "李娜 ←parent of— 赵一 —legal representative of→ 上海鼎盛精密机械股份有限公司 (client): The staff member's parent is the client's legal representative",
    ],
    [
      'a child recorded as child of the staff member',
      () => [edge('a', 'child', 'staff'), edge('a', 'employee', 'client', { role: '总经理' })],
      [],
      '李娜 ←子女— 赵一 —雇员→ 上海鼎盛精密机械股份有限公司（客户）：员工的子女在客户担任总经理',
      "李娜 ←child of— 赵一 —employee of→ 上海鼎盛精密机械股份有限公司 (client): The staff member's child is 总经理 at the client",
    ],
    [
      "a spouse's sibling",
      () => [edge('staff', 'spouse', 'husband'), edge('husband', 'sibling', 'a'), edge('a', 'director', 'client')],
      [],
      '李娜 —配偶— 张建华 —兄弟姐妹— 赵一 —董事→ 上海鼎盛精密机械股份有限公司（客户）：员工的配偶的兄弟姐妹担任客户董事',
      "李娜 —spouse— 张建华 —sibling— 赵一 —director of→ 上海鼎盛精密机械股份有限公司 (client): The staff member's spouse's sibling is a director of the client",
    ],
    ['a sibling who is the client', () => [edge('staff', 'sibling', 'person')], [], '李娜 —兄弟姐妹— 王芳（客户）：员工的兄弟姐妹即为客户本人', "李娜 —sibling— 王芳 (client): The staff member's sibling is the client"],
    [
      'own shares',
      () => [edge('staff', 'shareholder', 'client', { shareBasisPoints: 200 })],
      [],
      '李娜 —股东→ 上海鼎盛精密机械股份有限公司（客户）：员工本人持有客户 2% 股份',
      '李娜 —shareholder of→ 上海鼎盛精密机械股份有限公司 (client): The staff member holds 2% of the client',
    ],
    [
      'former employment',
      () => [edge('staff', 'employee', 'client', { validTo: '2024-03-31' })],
      [],
      '李娜 —雇员→ 上海鼎盛精密机械股份有限公司（客户）：员工本人曾受雇于客户，至 2024-03-31',
      '李娜 —employee of→ 上海鼎盛精密机械股份有限公司 (client): The staff member was employed by the client until 2024-03-31',
    ],
    [
      'a current directorship',
      () => [edge('staff', 'director', 'client')],
      [],
      '李娜 —董事→ 上海鼎盛精密机械股份有限公司（客户）：员工本人现任客户董事',
      '李娜 —director of→ 上海鼎盛精密机械股份有限公司 (client): The staff member is a director of the client',
    ],
    [
      'a dispute with a director',
      () => [edge('husband', 'director', 'client')],
      [{ id: 'd1', staffPartyId: 'staff', counterpartyId: 'husband' }],
      '李娜 —个人纠纷— 张建华 —董事→ 上海鼎盛精密机械股份有限公司（客户）：员工本人申报与张建华存在个人纠纷，张建华担任客户董事',
      '李娜 —personal dispute— 张建华 —director of→ 上海鼎盛精密机械股份有限公司 (client): The staff member declared a personal dispute with 张建华, who is a director of the client',
    ],
    [
      'an ended dispute with the client',
      () => [],
      [{ id: 'd1', staffPartyId: 'staff', counterpartyId: 'client', validTo: '2025-01-31' }],
      '李娜 —个人纠纷— 上海鼎盛精密机械股份有限公司（客户）：员工本人申报与客户上海鼎盛精密机械股份有限公司存在个人纠纷（已于 2025-01-31 结束）',
      '李娜 —personal dispute— 上海鼎盛精密机械股份有限公司 (client): The staff member declared a personal dispute with the client 上海鼎盛精密机械股份有限公司 (ended 2025-01-31)',
    ],
  ])('words: %s', (_name, edges, disputes, zh, en) => {
    const [suggestion] = run(edges(), { disputes });
    expect(explainSuggestion(suggestion!, nameOf, 'zh-CN')[0]).toBe(zh);
    expect(explainSuggestion(suggestion!, nameOf, 'en')[0]).toBe(en);
  });

  it('ignores disabled rules and refuses an invalid rule set', () => {
    const edges = [edge('staff', 'spouse', 'husband'), edge('husband', 'director', 'client')];
    expect(fired(run(edges, { rules: defaultRecusalRules.map((r) => ({ ...r, enabled: r.id !== 'kinship.close' })) }))).toEqual(['C1 kinship.extended']);
    expect(() => run(edges, { rules: [{ ...defaultRecusalRules[0]!, kind: 'kinship', maxHops: 9 } as RecusalRule] })).toThrow(/kinship\.close\.maxHops HOPS_RANGE/);
  });

  it('sorts pairs by severity, then staff and client', () => {
    const edges = [edge('staff', 'relative', 'a'), edge('a', 'director', 'client'), edge('s2', 'spouse', 'b'), edge('b', 'sibling', 'person'), edge('s0', 'relative', 'c'), edge('c', 'director', 'person')];
    const suggestions = suggestRecusals({ edges }, [{ partyId: 'staff' }, { partyId: 's2' }, { partyId: 's0' }, { partyId: 'staff' }], clients, defaultRecusalRules, TODAY);
    expect(suggestions.map((s) => [s.staffPartyId, s.clientId, s.severity, s.staffUserId])).toEqual([
      ['s0', 'C2', 'medium', null],
      ['s2', 'C2', 'medium', null],
      ['staff', 'C1', 'medium', null],
    ]);
  });

  it('answers one staff member from an index built once, as for the whole firm', () => {
    const edges = [edge('staff', 'spouse', 'husband'), edge('husband', 'director', 'client'), edge('s2', 'director', 'client', { validTo: '2024-01-01' })];
    const index = indexRecusalGraph({ edges }, clients, TODAY);
    const one = [{ partyId: 'staff', userId: 'u1' }, { partyId: 's2' }].flatMap((member) => suggestFor(index, member, defaultRecusalRules));
    expect(one.map((s) => s.staffPartyId)).toEqual(['staff', 's2']);
    expect(suggestRecusals({ edges }, [{ partyId: 'staff', userId: 'u1' }, { partyId: 's2' }], clients, defaultRecusalRules, TODAY)).toEqual([one[1], one[0]]);
  });

  it('keeps at most a few pieces of evidence per rule, the shortest', () => {
    const edges = [edge('staff', 'relative', 'hub')];
    for (let i = 0; i < 8; i += 1) edges.push(edge('hub', 'relative', `k${i}`), edge(`k${i}`, 'director', 'client'));
    edges.push(edge('hub', 'director', 'client'));
    const [suggestion] = run(edges);
    const evidence = suggestion!.findings.find((f) => f.ruleId === 'kinship.extended')!.evidence;
    expect(evidence).toHaveLength(5);
    expect(evidence[0]!.steps.map((s) => s.partyId)).toEqual(['hub', 'client']);
  });

  it('finds exactly the planted pairs in a large registry with hubs: the firm, a client with thousands of staff, a relative of everyone', () => {
    const edges: RecusalEdge[] = [];
    const staff = Array.from({ length: 3_000 }, (_, i) => ({ partyId: `s${i}`, userId: `u${i}` }));
    const manyClients: ClientRef[] = Array.from({ length: 1_000 }, (_, i) => ({ clientId: `c${i}`, partyId: `o${i}` }));
    for (const [i, member] of staff.entries()) {
      // Everyone is also recorded as a relative of one person (a careless import): a hub among kin.
      edges.push(edge(member.partyId, 'employee', 'firm'), edge(member.partyId, 'relative', 'clan'), edge(member.partyId, 'spouse', `w${i}`), edge(`w${i}`, 'sibling', `b${i}`), edge(`b${i}`, 'relative', `r${i}`));
      if (i % 10 === 0) edges.push(edge(`b${i}`, 'director', `o${i % 1_000}`));
      if (i % 7 === 0) edges.push(edge(member.partyId, 'shareholder', `o${(i * 3) % 1_000}`, { shareBasisPoints: 150 }));
    }
    for (let i = 0; i < 5_000; i += 1) edges.push(edge(`e${i}`, 'employee', 'o1'), edge(`e${i}`, 'relative', `s${i % 3_000}`));
    const suggestions = suggestRecusals({ edges }, staff, manyClients, defaultRecusalRules, TODAY);
    const pairs = new Set(staff.flatMap((_, i) => [...(i % 10 === 0 ? [`s${i} c${i % 1_000}`] : []), ...(i % 7 === 0 ? [`s${i} c${(i * 3) % 1_000}`] : [])]));
    expect(new Set(suggestions.map((s) => `${s.staffPartyId} ${s.clientId}`))).toEqual(pairs);
  });
});

describe('suggestRecusals properties', () => {
  const persons = ['staff', 's2', 'p1', 'p2', 'p3', 'p4', 'person'];
  const orgs = ['client', 'o2', 'o3'];
  const types = Object.keys(relationshipRules) as RelationshipType[];
  const dates = fc.option(fc.constantFrom('2019-01-01', '2023-06-15', '2024-12-31', TODAY, '2026-01-01'), { nil: null });
  const edgeArb = fc
    .record({ type: fc.constantFrom(...types), from: fc.nat(), to: fc.nat(), share: fc.integer({ min: 1, max: 10_000 }), role: fc.constantFrom(null, '总经理', '文员'), validFrom: dates, validTo: dates })
    .map(({ type, from, to, share, role, validFrom, validTo }) => {
      const rule = relationshipRules[type];
      const pick = (kinds: readonly string[], n: number) => {
        const pool = kinds.includes('person') && kinds.includes('org') ? [...persons, ...orgs] : kinds.includes('org') ? orgs : persons;
        return pool[n % pool.length]!;
      };
      return { from: pick(rule.from, from), to: pick(rule.to, to), type, shareBasisPoints: rule.percentage === 'required' ? share : null, role, validFrom, validTo };
    });
  const graphArb = fc.array(edgeArb, { maxLength: 40 }).map((list) => list.map((e, i): RecusalEdge => ({ id: `e${String(i).padStart(3, '0')}`, ...e })));
  const disputesArb = fc.array(fc.record({ counterpartyId: fc.constantFrom(...persons, ...orgs), validTo: dates }), { maxLength: 3 }).map((list) =>
    list.map((d, i): DeclaredDispute => ({ id: `d${i}`, staffPartyId: 'staff', ...d })),
  );
  const staffRefs = [{ partyId: 'staff', userId: 'u1' }, { partyId: 's2' }];
  const allClients: ClientRef[] = [...clients, { clientId: 'C3', partyId: 'o2' }];
  const suggest = (edges: readonly RecusalEdge[], disputes: DeclaredDispute[] = [], rules: readonly RecusalRule[] = defaultRecusalRules) =>
    suggestRecusals({ edges, disputes }, staffRefs, allClients, rules, TODAY);

  it('are deterministic and do not depend on the order of edges', () => {
    fc.assert(
      fc.property(graphArb, disputesArb, fc.nat(), (edges, disputes, seed) => {
        const shuffled = [...edges].sort((a, b) => ((a.id.charCodeAt(3) * 31 + seed) % 17) - ((b.id.charCodeAt(3) * 31 + seed) % 17) || (a.id < b.id ? 1 : -1));
        expect(suggest(shuffled, [...disputes].reverse())).toEqual(suggest(edges, disputes));
      }),
      { numRuns: 300 },
    );
  });

  it('give evidence that is a real path of relationships in force, within the rule hops', () => {
    fc.assert(
      fc.property(graphArb, (edges) => {
        for (const suggestion of suggest(edges)) {
          expect(new Set(suggestion.findings.map((f) => f.ruleId)).size).toBe(suggestion.findings.length);
          for (const finding of suggestion.findings) {
            const rule = defaultRecusalRules.find((r) => r.id === finding.ruleId)!;
            expect(finding.evidence.length).toBeGreaterThan(0);
            for (const evidence of finding.evidence) {
              let at = evidence.kind === 'personal_dispute' ? evidence.dispute.counterpartyId : suggestion.staffPartyId;
              for (const step of evidence.steps) {
                expect([step.reversed ? step.edge.to : step.edge.from, step.reversed ? step.edge.from : step.edge.to]).toEqual([at, step.partyId]);
                if (evidence.kind !== 'employment') expect(isCurrent(step.edge, TODAY)).toBe(true);
                at = step.partyId;
              }
              expect(at).toBe(suggestion.clientPartyId);
              const kin = evidence.steps.filter((s) => relationshipRules[s.edge.type].kinship).length;
              if (rule.kind === 'kinship') expect(kin).toBeLessThanOrEqual(rule.maxHops);
              if (rule.kind === 'shareholding') expect(kin).toBeLessThanOrEqual(rule.kinMaxHops);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('only lose findings when a rule is disabled', () => {
    fc.assert(
      fc.property(graphArb, disputesArb, fc.integer({ min: 0, max: defaultRecusalRules.length - 1 }), (edges, disputes, off) => {
        const all = new Set(fired(suggest(edges, disputes)));
        const fewer = fired(suggest(edges, disputes, defaultRecusalRules.map((r, i) => ({ ...r, enabled: i !== off }))));
        for (const f of fewer) expect(all.has(f)).toBe(true);
        expect(fewer.some((f) => f.endsWith(` ${defaultRecusalRules[off]!.id}`))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
