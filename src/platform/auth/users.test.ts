import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app';

const testApp = useTestApp();

describe('user administration', () => {
  it('lists the demo firm’s users with departments and roles', async () => {
    const compliance = await testApp().signIn('compliance');
    const page = (await compliance.get('/api/users?pageSize=100')).json();
    expect(page.total).toBe(30);
    expect(page.items.find((u: { username: string }) => u.username === 'finance')).toMatchObject({
      displayName: '黄丽娟',
      department: { code: 'FIN', name: '财务部' },
      roles: ['finance', 'staff'],
      active: true,
    });
    const departments = (await compliance.get('/api/departments')).json().items.map((d: { name: string }) => d.name);
    expect(departments).toEqual(expect.arrayContaining(['审计部', '税务部', '财务部', '合规部', '销售部']));
  });

  it('lets an admin create a user who can then sign in', async () => {
    const admin = await testApp().signIn('admin');
    const departments = (await admin.get('/api/departments')).json().items;
    const tax = departments.find((d: { code: string }) => d.code === 'TAX');
    const created = await admin.post('/api/users', { username: 'ma.lin', displayName: '马琳', email: 'ma.lin@example.cn', departmentId: tax.id, roles: ['staff', 'manager'], password: 'first-password-1' });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ username: 'ma.lin', department: { code: 'TAX' }, roles: ['manager', 'staff'] });
    const session = await testApp().signIn('ma.lin', 'first-password-1');
    expect((await session.get('/api/auth/me')).json().user.permissions).toContain('users.read');
  });

  it('validates input before touching anything', async () => {
    const admin = await testApp().signIn('admin');
    const bad = await admin.post('/api/users', { username: 'bad name!', displayName: '', roles: ['superuser'], password: 'x', email: 'not-an-email' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['displayName', 'email', 'roles.0', 'username']);
    const weak = await admin.post('/api/users', { username: 'weak.pw', displayName: '弱', roles: [], password: 'weak.pw' });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const noDept = await admin.post('/api/users', { username: 'nodept', displayName: '无', roles: [], password: 'long-enough-pass', departmentId: '00000000-0000-4000-8000-000000000000' });
    expect(noDept.json().error.code).toBe('DEPARTMENT_NOT_FOUND');
    expect((await admin.get('/api/users?q=nodept')).json().total).toBe(0);
  });

  it('deactivating a user ends their sessions; an admin cannot lock themselves out', async () => {
    const { signIn } = testApp();
    const admin = await signIn('admin');
    const victim = await signIn('tang.li');
    const id = (await victim.get('/api/auth/me')).json().user.id;
    expect((await admin.patch(`/api/users/${id}`, { active: false })).json().user.active).toBe(false);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    await expect(signIn('tang.li')).rejects.toThrow(/401/);

    const adminId = (await admin.get('/api/auth/me')).json().user.id;
    const self = await admin.patch(`/api/users/${adminId}`, { roles: ['staff'] });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('CANNOT_DEACTIVATE_SELF');
  });

  it('answers 404 for an unknown user', async () => {
    const admin = await testApp().signIn('admin');
    const res = await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
  });
});
