import { describe, expect, it } from 'vitest';
import { clientNamed, userIdOf } from '../../../test/support/directory';
import { useTestApp, type Client } from '../../../test/support/test-app';

const testApp = useTestApp();

const DINGSHENG = '上海鼎盛精密机械股份有限公司';

type Relationship = { id: string; type: string; from: { id: string; name: string }; to: { id: string; name: string }; validFrom: string | null; validTo: string | null; notes: string | null; source: string };
type Suggestion = { client: { id: string; name: string }; user: { id: string }; findings: { ruleId: string; kind: string }[]; explanation: string[] };

async function declareAndAccept(staff: Client, compliance: Client, items: unknown[]) {
  const submitted = await staff.post('/api/registry/declarations', { items });
  expect(submitted.statusCode, submitted.body).toBe(201);
  const accepted = await compliance.post(`/api/registry/declarations/${submitted.json().id}/accept`, {});
  expect(accepted.statusCode, accepted.body).toBe(200);
  return accepted.json() as { relationshipIds: string[] };
}

async function disputesOf(compliance: Client, partyId: string): Promise<Relationship[]> {
  return (await compliance.get(`/api/registry/relationships?partyId=${partyId}&type=dispute&status=all`)).json().items;
}

const suggestionsFor = async (compliance: Client, userId: string, clientId: string, locale = 'zh-CN'): Promise<Suggestion[]> =>
  (await compliance.get(`/api/recusals/suggestions?userId=${userId}&clientId=${clientId}`, { 'accept-language': locale })).json().items;

describe('personal disputes (个人纠纷)', () => {
  it('declared with a client’s director become a registry dispute and a recusal suggestion that names him', async () => {
    const compliance = await testApp().signIn('compliance');
    const dengYu = await testApp().signIn('deng.yu');
    const dengYuId = await userIdOf(compliance, 'deng.yu');
    const dingsheng = await clientNamed(compliance, DINGSHENG);
    const directors: Relationship[] = (await compliance.get(`/api/registry/relationships?partyId=${dingsheng.party.id}&type=director`)).json().items;
    const zhang = directors.find((r) => r.from.name === '张建华')!.from;
    expect(await suggestionsFor(compliance, dengYuId, dingsheng.id)).toEqual([]);

    const accepted = await declareAndAccept(dengYu, compliance, [
      { type: 'dispute', counterpartyId: zhang.id, description: '房屋买卖合同纠纷，诉讼中', since: '2025-03-01' },
    ]);
    expect(accepted.relationshipIds).toHaveLength(1);
    const [dispute] = await disputesOf(compliance, zhang.id);
    expect(dispute).toMatchObject({ from: { name: '邓宇' }, to: { id: zhang.id }, validFrom: '2025-03-01', validTo: null, notes: '房屋买卖合同纠纷，诉讼中', source: 'declared' });

    const [suggestion] = await suggestionsFor(compliance, dengYuId, dingsheng.id);
    expect(suggestion).toMatchObject({ user: { id: dengYuId }, client: { id: dingsheng.id, name: DINGSHENG } });
    expect(suggestion!.findings.map((f) => f.kind)).toEqual(['personal_dispute']);
    expect(suggestion!.explanation).toEqual([`邓宇 —个人纠纷— 张建华 —董事→ ${DINGSHENG}（客户）：员工本人申报与张建华存在个人纠纷，张建华担任客户董事`]);
    const [english] = await suggestionsFor(compliance, dengYuId, dingsheng.id, 'en');
    expect(english!.explanation.join('\n')).toMatch(/declared a personal dispute with 张建华/);

    // The dispute is a path in the party graph the conflict check walks too.
    const graph = (await compliance.get(`/api/registry/parties/${zhang.id}/graph`)).json();
    expect(JSON.stringify(graph)).toContain(dispute!.id);
  });

  it('ended longer ago than the rule looks back suggests nothing; one recorded by compliance with the client itself does', async () => {
    const compliance = await testApp().signIn('compliance');
    const caoRui = await testApp().signIn('cao.rui');
    const caoRuiId = await userIdOf(compliance, 'cao.rui');
    const dingsheng = await clientNamed(compliance, DINGSHENG);

    // Named by kind and name: the one live organisation of that name is the client.
    await declareAndAccept(caoRui, compliance, [
      { type: 'dispute', counterpartyKind: 'org', counterpartyName: DINGSHENG, description: '劳动争议仲裁，已调解结案', since: '2015-03-01', endedOn: '2018-06-30' },
    ]);
    const [old] = await disputesOf(compliance, dingsheng.party.id);
    expect(old).toMatchObject({ from: { name: '曹睿' }, to: { id: dingsheng.party.id }, validTo: '2018-06-30' });
    expect(await suggestionsFor(compliance, caoRuiId, dingsheng.id)).toEqual([]);

    const recorded = await compliance.post('/api/registry/relationships', {
      fromPartyId: dingsheng.party.id,
      toPartyId: old!.from.id,
      type: 'dispute',
      validFrom: '2025-09-01',
      notes: '客户就服务费起诉本人',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const [suggestion] = await suggestionsFor(compliance, caoRuiId, dingsheng.id);
    expect(suggestion!.explanation).toEqual([`曹睿 —个人纠纷— ${DINGSHENG}（客户）：员工本人申报与客户${DINGSHENG}存在个人纠纷`]);
  });

  it('are refused with field errors when the dates run backwards, the party is unknown or the counterparty is unnamed', async () => {
    const staff = await testApp().signIn('han.bing');
    const res = await staff.post('/api/registry/declarations', {
      items: [
        { type: 'dispute', counterpartyKind: 'person', counterpartyName: '赵某', description: '借款纠纷', since: '2024-05-01', endedOn: '2024-01-01' },
        { type: 'dispute', counterpartyId: '00000000-0000-4000-8000-000000000000', description: '合同纠纷', since: '2024-05-01' },
        { type: 'dispute', description: '邻里纠纷', since: '2024-05-01' },
        { type: 'dispute', counterpartyKind: 'person', counterpartyName: '钱某', counterpartyIdentifier: '110105194912310021', description: '侵权纠纷', since: '2024-05-01' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`)).toEqual([
      'items.0.endedOn:DATE_ORDER',
      'items.1.counterpartyId:UNKNOWN_PARTY',
      'items.2.counterpartyKind:REQUIRED',
      'items.2.counterpartyName:REQUIRED',
      'items.3.counterpartyIdentifier:ID_NUMBER_CHECK_DIGIT',
    ]);
    expect((await staff.get('/api/registry/declarations')).json().total).toBe(0);
  });
});
