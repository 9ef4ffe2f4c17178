import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app';

const testApp = useTestApp();

describe('staff declarations', () => {
  it('are submitted by staff, reviewed by compliance and become relationships of the declarant', async () => {
    const staff = await testApp().signIn('staff');
    const submitted = await staff.post('/api/registry/declarations', {
      statement: '本人如实申报。',
      items: [
        { type: 'relative', relation: 'spouse', name: '刘芳', idNumber: '360426199101010071', employer: '杭州远航物流有限公司', position: '财务经理' },
        { type: 'interest', relation: 'shareholder', organisation: '宁波海岳贸易有限公司', percentage: '12.5', validFrom: '2019-06-01' },
        { type: 'interest', relation: 'director', organisation: '宁波海岳贸易有限公司' },
      ],
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const declaration = submitted.json();
    expect(declaration).toMatchObject({ status: 'submitted', user: { username: 'staff' }, relationshipIds: [] });

    // Nobody else sees it but reviewers; staff cannot review.
    expect((await (await testApp().signIn('finance')).get(`/api/registry/declarations/${declaration.id}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/registry/declarations/${declaration.id}/accept`, {})).statusCode).toBe(403);
    expect((await staff.get('/api/registry/declarations?scope=review')).statusCode).toBe(403);

    const compliance = await testApp().signIn('compliance');
    const queue = (await compliance.get('/api/registry/declarations?scope=review&status=submitted')).json();
    expect(queue.items.map((d: { id: string }) => d.id)).toContain(declaration.id);
    const accepted = (await compliance.post(`/api/registry/declarations/${declaration.id}/accept`, { comment: '已核实' })).json();
    expect(accepted).toMatchObject({ status: 'accepted', reviewedBy: { username: 'compliance' }, reviewComment: '已核实' });
    expect(accepted.relationshipIds).toHaveLength(4);

    const me = (await staff.get('/api/auth/me')).json().user;
    const staffParty = (await compliance.get(`/api/registry/parties?staff=yes&q=${encodeURIComponent(me.displayName)}`)).json().items[0];
    const relations = (await compliance.get(`/api/registry/relationships?partyId=${staffParty.id}&source=declared`)).json().items;
    expect(relations.map((r: { type: string; from: { name: string }; to: { name: string } }) => `${r.from.name} ${r.type} ${r.to.name}`).sort()).toEqual([
      '刘芳 spouse 王强',
      '王强 director 宁波海岳贸易有限公司',
      '王强 shareholder 宁波海岳贸易有限公司',
    ]);
    const spouse = relations.find((r: { type: string }) => r.type === 'spouse').from.id;
    const spouseJob = (await compliance.get(`/api/registry/relationships?partyId=${spouse}&type=employee`)).json().items[0];
    expect(spouseJob).toMatchObject({ role: '财务经理', to: { name: '杭州远航物流有限公司' }, source: 'declared' });
    expect((await compliance.post(`/api/registry/declarations/${declaration.id}/reject`, { comment: 'x' })).json().error.code).toBe('DECLARATION_NOT_OPEN');
    const own = (await compliance.post('/api/registry/declarations', { items: [] })).json();
    const selfReview = await compliance.post(`/api/registry/declarations/${own.id}/accept`, {});
    expect([selfReview.statusCode, selfReview.json().error.code]).toEqual([403, 'CANNOT_REVIEW_OWN']);
  });

  it('checks every item before storing anything', async () => {
    const staff = await testApp().signIn('xu.lei');
    const res = await staff.post('/api/registry/declarations', {
      items: [
        { type: 'relative', relation: 'parent', name: '徐父', idNumber: '110105194912310021' },
        { type: 'interest', relation: 'shareholder', organisation: '某公司', percentage: '120' },
        { type: 'interest', relation: 'employee', organisation: '某公司', validFrom: '2024-01-01', validTo: '2023-01-01' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`)).toEqual([
      'items.0.idNumber:ID_NUMBER_CHECK_DIGIT',
      'items.1.percentage:PERCENTAGE_RANGE',
      'items.2.validTo:DATE_ORDER',
    ]);
    expect((await staff.get('/api/registry/declarations')).json().total).toBe(0);
  });

  it('can be withdrawn by its author before review, and rejected with a reason', async () => {
    const staff = await testApp().signIn('song.jie');
    const first = (await staff.post('/api/registry/declarations', { items: [] })).json();
    expect((await staff.post(`/api/registry/declarations/${first.id}/withdraw`)).json().status).toBe('withdrawn');
    const second = (await staff.post('/api/registry/declarations', { items: [{ type: 'relative', relation: 'sibling', name: '宋兰' }] })).json();
    const compliance = await testApp().signIn('compliance');
    expect((await compliance.post(`/api/registry/declarations/${second.id}/reject`, {})).statusCode).toBe(400);
    const rejected = (await compliance.post(`/api/registry/declarations/${second.id}/reject`, { comment: '请补充身份证号码' })).json();
    expect(rejected).toMatchObject({ status: 'rejected', reviewComment: '请补充身份证号码' });
    const history = (await staff.get('/api/registry/declarations')).json();
    expect(history.items.map((d: { status: string }) => d.status)).toEqual(['rejected', 'withdrawn']);
  });
});
