// The access matrix for recusals and information barriers: every API route is classified here, and
// every route that returns or changes client data is probed twice — by an officer walled off the
// client 上海鼎盛精密机械股份有限公司 and by a colleague with exactly the same roles. The walled one
// gets what a missing record gets (same status, code and message) or lists without a trace of the
// client (ids, name, totals); the colleague gets the client. A route added without a line here fails.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../../test/support/constants';
import { useTestApp, type Client } from '../../../test/support/test-app';
import { chinaToday } from '../../core/calendar';

const testApp = useTestApp();

const DINGSHENG = '上海鼎盛精密机械股份有限公司';
/** A name the caller types that finds the client without being its registry name. */
const TYPED_NAME = '上海鼎盛精密机械股份公司';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

/** What the walled client leaves behind: its records' ids and its name. */
interface Fixture {
  clientId: string;
  partyId: string;
  /** 张建华, a director of the client: a visible person whose links to the client must not show. */
  directorPartyId: string;
  contactId: string;
  nameId: string;
  identifierId: string;
  relationshipId: string;
  requestId: string;
  requestRef: string;
  stepId: string;
  attachmentId: string;
  caseId: string;
  caseRef: string;
  caseAttachmentId: string;
  disclosureId: string;
  violationId: string;
  checkId: string;
  blackoutId: string;
  recusalId: string;
  barrierId: string;
  /** A client set (客户组) holding the client; a barrier and a recusal name only the set. */
  clientSetId: string;
  /** An early-warning alert about the client's request (a blackout declared over its date). */
  alertId: string;
  /** Someone to name in a body (an approver, a responsible person, a walled-off user). */
  someUserId: string;
  today: string;
}

const markersOf = (f: Fixture) => [f.clientId, f.partyId, DINGSHENG, f.requestId, f.requestRef, f.caseId, f.caseRef, f.relationshipId, f.contactId, f.blackoutId, f.recusalId, f.disclosureId, f.violationId, f.caseAttachmentId];

type Url = (f: Fixture, id: string) => string;
type Body = (f: Fixture, id: string) => unknown;

/**
 * - none: the route holds no client data (the reason says why);
 * - list: GETs (or a search POST) that must not show the client to the walled officer and must to the colleague;
 * - record: one record of the client (`id` is the client-side id the route names): the walled officer gets
 *   exactly what the same call with an unknown id gets (a 404 for a record in the path, the route's own
 *   refusal of an unknown client or party in a body); the colleague gets something else.
 */
type Probe =
  | { kind: 'none'; why: string }
  | { kind: 'list'; urls: (f: Fixture) => string[]; method?: 'GET' | 'POST'; body?: (f: Fixture) => unknown }
  | { kind: 'record'; method?: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: Url; id: (f: Fixture) => string; body?: Body; raw?: { contentType: string; payload: Buffer } };

const version = { version: 1 };

const matrix: Record<string, Probe> = {
  // --- the platform: no client data, or the caller's own
  'POST /api/auth/login': { kind: 'none', why: 'signing in' },
  'POST /api/auth/logout': { kind: 'none', why: 'signing out' },
  'GET /api/auth/me': { kind: 'none', why: 'the caller’s own account' },
  'POST /api/auth/password': { kind: 'none', why: 'the caller’s own password' },
  'GET /api/auth/tokens': { kind: 'none', why: 'the caller’s own API tokens' },
  'POST /api/auth/tokens': { kind: 'none', why: 'the caller’s own API tokens' },
  'POST /api/auth/tokens/:id/revoke': { kind: 'none', why: 'the caller’s own API tokens' },
  'GET /api/departments': { kind: 'none', why: 'the firm’s departments' },
  'GET /api/users': { kind: 'none', why: 'the firm’s users' },
  'GET /api/users/:id': { kind: 'none', why: 'the firm’s users' },
  'POST /api/users': { kind: 'none', why: 'user administration' },
  'PATCH /api/users/:id': { kind: 'none', why: 'user administration' },
  'POST /api/users/:id/reset-password': { kind: 'none', why: 'user administration' },
  'GET /api/health': { kind: 'none', why: 'liveness' },
  'GET /api/audit/verify': { kind: 'none', why: 'a count and the first broken link of the hash chain' },
  'GET /api/notifications': { kind: 'none', why: 'the caller’s own notifications, each delivered to them' },
  'GET /api/notifications/unread-count': { kind: 'none', why: 'the caller’s own notifications' },
  'POST /api/notifications/read-all': { kind: 'none', why: 'the caller’s own notifications' },
  'POST /api/notifications/:id/read': { kind: 'none', why: 'the caller’s own notifications' },
  'GET /api/registry/imports/fields': { kind: 'none', why: 'the import’s column catalogue' },
  'GET /api/conflict-checks/settings': { kind: 'none', why: 'the firm’s match settings' },
  'PUT /api/conflict-checks/settings': { kind: 'none', why: 'the firm’s match settings' },
  'GET /api/cases/taxonomy': { kind: 'none', why: 'the case taxonomy' },
  'POST /api/cases/taxonomy': { kind: 'none', why: 'the case taxonomy' },
  'GET /api/recusals/rules': { kind: 'none', why: 'the recusal rules' },
  'POST /api/recusals/rules': { kind: 'none', why: 'the recusal rules' },
  'GET /api/recusals/mine': { kind: 'none', why: 'the caller’s own recusals and walls: they must know what they are kept out of' },
  'GET /api/recusals/denials': { kind: 'none', why: 'refused attempts counted per person, no client named' },
  'GET /api/benefits/policy': { kind: 'none', why: 'the benefit policy' },
  'GET /api/benefits/policy/versions/:version': { kind: 'none', why: 'the benefit policy' },
  'POST /api/benefits/policy/versions': { kind: 'none', why: 'the benefit policy' },
  'GET /api/benefits/matrix': { kind: 'none', why: 'the authority matrix' },
  'GET /api/benefits/matrix/versions': { kind: 'none', why: 'the authority matrix' },
  'GET /api/benefits/matrix/versions/:version': { kind: 'none', why: 'the authority matrix' },
  'POST /api/benefits/matrix': { kind: 'none', why: 'the authority matrix' },
  'POST /api/benefits/matrix/preview': { kind: 'none', why: 'a chain for an amount, type and department' },
  'GET /api/benefits/delegations': { kind: 'none', why: 'approvers’ deputies' },
  'POST /api/benefits/delegations': { kind: 'none', why: 'approvers’ deputies' },
  'POST /api/benefits/delegations/:id/revoke': { kind: 'none', why: 'approvers’ deputies' },
  'GET /api/benefits/settings': { kind: 'none', why: 'reminder and upload settings' },
  'PUT /api/benefits/settings': { kind: 'none', why: 'reminder and upload settings' },

  // --- the registry
  'GET /api/registry/clients': { kind: 'list', urls: () => [`/api/registry/clients?q=${encodeURIComponent('鼎盛')}`, '/api/registry/clients?pageSize=200&sort=name'] },
  'GET /api/registry/clients/:id': { kind: 'record', url: (_f, id) => `/api/registry/clients/${id}`, id: (f) => f.clientId },
  'POST /api/registry/clients': { kind: 'record', method: 'POST', url: () => '/api/registry/clients', id: (f) => f.partyId, body: (_f, id) => ({ partyId: id, status: 'active' }) },
  'PATCH /api/registry/clients/:id': { kind: 'record', method: 'PATCH', url: (_f, id) => `/api/registry/clients/${id}`, id: (f) => f.clientId, body: () => ({ serviceLines: ['审计'] }) },
  'POST /api/registry/clients/:id/contacts': { kind: 'record', method: 'POST', url: (_f, id) => `/api/registry/clients/${id}/contacts`, id: (f) => f.clientId, body: () => ({ person: { name: '鼎盛新联系人' }, role: '财务' }) },
  'POST /api/registry/clients/:id/contacts/:contactId/end': { kind: 'record', method: 'POST', url: (f, id) => `/api/registry/clients/${id}/contacts/${f.contactId}/end`, id: (f) => f.clientId },
  'GET /api/registry/parties': { kind: 'list', urls: () => [`/api/registry/parties?q=${encodeURIComponent('鼎盛')}`, `/api/registry/parties?q=${encodeURIComponent('上海鼎盛精密机械')}&kind=org`] },
  // Names the caller types are not the client's: only what the registry answers with can leak.
  'POST /api/registry/parties/similar': { kind: 'list', method: 'POST', urls: () => ['/api/registry/parties/similar'], body: () => ({ names: [DINGSHENG] }) },
  'POST /api/registry/parties': { kind: 'none', why: 'creates a party from the caller’s input; the near-identical check behind it is the similar-names search, probed above' },
  'GET /api/registry/parties/:id': { kind: 'record', url: (_f, id) => `/api/registry/parties/${id}`, id: (f) => f.partyId },
  'PATCH /api/registry/parties/:id': { kind: 'record', method: 'PATCH', url: (_f, id) => `/api/registry/parties/${id}`, id: (f) => f.partyId, body: () => ({ address: '上海市嘉定区' }) },
  'POST /api/registry/parties/:id/end': { kind: 'record', method: 'POST', url: (_f, id) => `/api/registry/parties/${id}/end`, id: (f) => f.partyId, body: () => ({ reason: '注销' }) },
  'POST /api/registry/parties/:id/names': { kind: 'record', method: 'POST', url: (_f, id) => `/api/registry/parties/${id}/names`, id: (f) => f.partyId, body: () => ({ name: '鼎盛机械', nameType: 'abbreviation' }) },
  'POST /api/registry/parties/:id/names/:childId/end': { kind: 'record', method: 'POST', url: (f, id) => `/api/registry/parties/${id}/names/${f.nameId}/end`, id: (f) => f.partyId },
  'POST /api/registry/parties/:id/identifiers': { kind: 'record', method: 'POST', url: (_f, id) => `/api/registry/parties/${id}/identifiers`, id: (f) => f.partyId, body: () => ({ scheme: 'other', value: 'DS-2' }) },
  'POST /api/registry/parties/:id/identifiers/:childId/end': { kind: 'record', method: 'POST', url: (f, id) => `/api/registry/parties/${id}/identifiers/${f.identifierId}/end`, id: (f) => f.partyId },
  'POST /api/registry/parties/:id/identifiers/:childId/reveal': { kind: 'record', method: 'POST', url: (f, id) => `/api/registry/parties/${id}/identifiers/${f.identifierId}/reveal`, id: (f) => f.partyId },
  'GET /api/registry/parties/:id/graph': { kind: 'list', urls: (f) => [`/api/registry/parties/${f.directorPartyId}/graph`, `/api/registry/parties/${f.directorPartyId}`] },
  'GET /api/registry/relationships': { kind: 'list', urls: (f) => [`/api/registry/relationships?partyId=${f.directorPartyId}`, `/api/registry/relationships?partyId=${f.partyId}`] },
  'GET /api/registry/relationships/:id': { kind: 'record', url: (_f, id) => `/api/registry/relationships/${id}`, id: (f) => f.relationshipId },
  'POST /api/registry/relationships': { kind: 'record', method: 'POST', url: () => '/api/registry/relationships', id: (f) => f.partyId, body: (f, id) => ({ fromPartyId: f.directorPartyId, toPartyId: id, type: 'shareholder', percentage: '1' }) },
  'POST /api/registry/relationships/:id/supersede': { kind: 'record', method: 'POST', url: (_f, id) => `/api/registry/relationships/${id}/supersede`, id: (f) => f.relationshipId, body: () => ({ role: '独立董事' }) },
  'POST /api/registry/relationships/:id/end': { kind: 'record', method: 'POST', url: (_f, id) => `/api/registry/relationships/${id}/end`, id: (f) => f.relationshipId, body: (f) => ({ validTo: f.today }) },
  'GET /api/registry/declarations': { kind: 'none', why: 'staff declare their own relatives and interests; accepted items become registry relationships, probed above' },
  'POST /api/registry/declarations': { kind: 'none', why: 'the caller declares their own relatives and interests' },
  'GET /api/registry/declarations/:id': { kind: 'none', why: 'a staff member’s own declaration: no client record' },
  'POST /api/registry/declarations/:id/withdraw': { kind: 'none', why: 'a staff member’s own declaration' },
  'POST /api/registry/declarations/:id/accept': { kind: 'none', why: 'a declaration’s review' },
  'POST /api/registry/declarations/:id/reject': { kind: 'none', why: 'a declaration’s review' },
  'GET /api/registry/ftm/export': { kind: 'list', urls: () => ['/api/registry/ftm/export'] },
  'POST /api/registry/ftm/import': { kind: 'none', why: 'bulk load by the registry’s importers; probed in registry/barriers.test.ts' },
  'GET /api/registry/export/parties': { kind: 'list', urls: () => [`/api/registry/export/parties?q=${encodeURIComponent('鼎盛')}&format=csv`] },
  'GET /api/registry/export/clients': { kind: 'list', urls: () => ['/api/registry/export/clients?format=csv'] },
  'GET /api/registry/export/relationships': { kind: 'list', urls: () => ['/api/registry/export/relationships?format=csv'] },
  'POST /api/registry/imports': { kind: 'none', why: 'bulk load by the registry’s importers; probed in registry/barriers.test.ts' },

  // --- conflict checks
  'POST /api/conflict-checks': { kind: 'list', method: 'POST', urls: () => ['/api/conflict-checks'], body: () => ({ subjects: [{ name: TYPED_NAME, kind: 'org' }], purpose: '新项目' }) },
  'GET /api/conflict-checks': { kind: 'list', urls: () => ['/api/conflict-checks?scope=all&pageSize=100'] },
  'GET /api/conflict-checks/suggestions': { kind: 'list', urls: () => [`/api/conflict-checks/suggestions?name=${encodeURIComponent(DINGSHENG)}`] },
  'GET /api/conflict-checks/:id': { kind: 'record', url: (_f, id) => `/api/conflict-checks/${id}`, id: (f) => f.checkId },

  // --- conflict cases
  'POST /api/cases': { kind: 'record', method: 'POST', url: () => '/api/cases', id: (f) => f.clientId, body: (_f, id) => ({ title: '鼎盛项目利益冲突', description: '员工配偶任客户董事', kind: 'staff_client', subjectMatters: ['service'], clientIds: [id] }) },
  'GET /api/cases': { kind: 'list', urls: () => ['/api/cases?scope=all&pageSize=100', `/api/cases?scope=all&q=${encodeURIComponent('鼎盛')}`, '/api/cases?scope=all&state=reported'] },
  'GET /api/cases/:id': { kind: 'record', url: (_f, id) => `/api/cases/${id}`, id: (f) => f.caseId },
  'POST /api/cases/:id/transition': { kind: 'record', method: 'POST', url: (_f, id) => `/api/cases/${id}/transition`, id: (f) => f.caseId, body: () => ({ ...version, event: 'start_investigation', comment: '开始调查' }) },
  'POST /api/cases/:id/mitigations/:mitigationId/in-effect': { kind: 'record', method: 'POST', url: (_f, id) => `/api/cases/${id}/mitigations/${randomUUID()}/in-effect`, id: (f) => f.caseId, body: () => version },
  'POST /api/cases/:id/comments': { kind: 'record', method: 'POST', url: (_f, id) => `/api/cases/${id}/comments`, id: (f) => f.caseId, body: () => ({ comment: '补充材料' }) },
  'POST /api/cases/:id/assign': { kind: 'record', method: 'POST', url: (_f, id) => `/api/cases/${id}/assign`, id: (f) => f.caseId, body: (f) => ({ ...version, responsibleUserId: f.someUserId }) },
  'POST /api/cases/:id/reviews': { kind: 'record', method: 'POST', url: (_f, id) => `/api/cases/${id}/reviews`, id: (f) => f.caseId, body: () => ({ ...version, outcome: 'holds', note: '措施仍然有效' }) },
  'GET /api/cases/:id/attachments': { kind: 'record', url: (_f, id) => `/api/cases/${id}/attachments`, id: (f) => f.caseId },
  'GET /api/cases/:id/attachments/:attachmentId': { kind: 'record', url: (f, id) => `/api/cases/${id}/attachments/${f.caseAttachmentId}`, id: (f) => f.caseId },
  'PUT /api/cases/:id/attachments': { kind: 'record', method: 'PUT', url: (_f, id) => `/api/cases/${id}/attachments?name=p.png`, id: (f) => f.caseId, raw: { contentType: 'image/png', payload: PNG } },

  // --- staff disclosures, violations and sanctions
  'GET /api/disclosures': { kind: 'list', urls: (f) => ['/api/disclosures?scope=all&pageSize=100', `/api/disclosures?scope=all&caseId=${f.caseId}`] },
  'GET /api/disclosures/:id': { kind: 'record', url: (_f, id) => `/api/disclosures/${id}`, id: (f) => f.disclosureId },
  'POST /api/disclosures': { kind: 'record', method: 'POST', url: () => '/api/disclosures', id: (f) => f.clientId, body: (f, id) => ({ userId: f.someUserId, summary: '配偶持有客户股份', clientId: id }) },
  'POST /api/disclosures/:id/decide': { kind: 'record', method: 'POST', url: (_f, id) => `/api/disclosures/${id}/decide`, id: (f) => f.disclosureId, body: () => ({ ...version, decision: 'no_conflict', comment: '持股比例极低' }) },
  'POST /api/disclosures/:id/review': { kind: 'record', method: 'POST', url: (_f, id) => `/api/disclosures/${id}/review`, id: (f) => f.disclosureId, body: () => ({ ...version, reason: '情况变化' }) },
  'GET /api/violations': { kind: 'list', urls: (f) => ['/api/violations?scope=all&pageSize=100', `/api/violations?scope=all&caseId=${f.caseId}`] },
  'GET /api/violations/:id': { kind: 'record', url: (_f, id) => `/api/violations/${id}`, id: (f) => f.violationId },
  'POST /api/violations': { kind: 'record', method: 'POST', url: () => '/api/violations', id: (f) => f.caseId, body: (f, id) => ({ caseId: id, personId: f.someUserId, rule: '回避制度第三条', finding: '未申报亲属关系', foundOn: f.today }) },
  'POST /api/violations/:id/sanctions': { kind: 'record', method: 'POST', url: (_f, id) => `/api/violations/${id}/sanctions`, id: (f) => f.violationId, body: () => ({ kind: 'warning', comment: '书面警告' }) },
  'POST /api/violations/:id/sanctions/:sanctionId/complete': { kind: 'record', method: 'POST', url: (_f, id) => `/api/violations/${id}/sanctions/${randomUUID()}/complete`, id: (f) => f.violationId, body: (f) => ({ ...version, completedOn: f.today }) },
  'POST /api/violations/:id/sanctions/:sanctionId/waive': { kind: 'record', method: 'POST', url: (_f, id) => `/api/violations/${id}/sanctions/${randomUUID()}/waive`, id: (f) => f.violationId, body: () => ({ ...version, reason: '情节轻微' }) },

  // --- recusals and barriers
  'GET /api/recusals/suggestions': { kind: 'list', urls: (f) => [`/api/recusals/suggestions?clientId=${f.clientId}`, '/api/recusals/suggestions'] },
  'POST /api/recusals': { kind: 'record', method: 'POST', url: () => '/api/recusals', id: (f) => f.clientId, body: (_f, id) => ({ clientIds: [id], reason: '亲属任职' }) },
  'GET /api/recusals': { kind: 'list', urls: () => ['/api/recusals?scope=all'] },
  'GET /api/recusals/barriers': { kind: 'list', urls: () => ['/api/recusals/barriers'] },
  'POST /api/recusals/barriers': { kind: 'record', method: 'POST', url: () => '/api/recusals/barriers', id: (f) => f.clientId, body: (f, id) => ({ name: '鼎盛项目组', clientIds: [id], walledOffUserIds: [f.someUserId], reason: '并购项目' }) },
  'POST /api/recusals/barriers/:id/revoke': { kind: 'record', method: 'POST', url: (_f, id) => `/api/recusals/barriers/${id}/revoke`, id: (f) => f.barrierId, body: () => ({ ...version, comment: '项目结束' }) },
  'GET /api/recusals/client-sets': { kind: 'list', urls: () => ['/api/recusals/client-sets', '/api/recusals/client-sets?status=active'] },
  'GET /api/recusals/client-sets/:id': { kind: 'record', url: (_f, id) => `/api/recusals/client-sets/${id}`, id: (f) => f.clientSetId },
  'POST /api/recusals/client-sets': { kind: 'record', method: 'POST', url: () => '/api/recusals/client-sets', id: (f) => f.clientId, body: (_f, id) => ({ name: '鼎盛测试组', clientIds: [id] }) },
  'PATCH /api/recusals/client-sets/:id': { kind: 'record', method: 'PATCH', url: (_f, id) => `/api/recusals/client-sets/${id}`, id: (f) => f.clientSetId, body: () => ({ ...version, description: '鼎盛及其关联方' }) },
  'POST /api/recusals/client-sets/:id/retire': { kind: 'record', method: 'POST', url: (_f, id) => `/api/recusals/client-sets/${id}/retire`, id: (f) => f.clientSetId, body: () => version },
  'POST /api/recusals/:id/approve': { kind: 'record', method: 'POST', url: (_f, id) => `/api/recusals/${id}/approve`, id: (f) => f.recusalId, body: () => version },
  'POST /api/recusals/:id/reject': { kind: 'record', method: 'POST', url: (_f, id) => `/api/recusals/${id}/reject`, id: (f) => f.recusalId, body: () => ({ ...version, comment: '不需要' }) },
  'POST /api/recusals/:id/withdraw': { kind: 'record', method: 'POST', url: (_f, id) => `/api/recusals/${id}/withdraw`, id: (f) => f.recusalId, body: () => version },
  'POST /api/recusals/:id/revoke': { kind: 'record', method: 'POST', url: (_f, id) => `/api/recusals/${id}/revoke`, id: (f) => f.recusalId, body: () => version },

  // --- benefits
  'POST /api/benefits/requests/precheck': { kind: 'record', method: 'POST', url: () => '/api/benefits/requests/precheck', id: (f) => f.partyId, body: (f, id) => ({ benefitType: 'other', counterpartyPartyId: id, amount: '300', currency: 'CNY', benefitDate: f.today, purpose: '拜访' }) },
  'POST /api/benefits/requests': { kind: 'record', method: 'POST', url: () => '/api/benefits/requests', id: (f) => f.partyId, body: (f, id) => ({ benefitType: 'other', counterpartyPartyId: id, amount: '300', currency: 'CNY', benefitDate: f.today, purpose: '拜访' }) },
  'GET /api/benefits/requests': { kind: 'list', urls: (f) => ['/api/benefits/requests?scope=all&pageSize=100', `/api/benefits/requests?scope=all&clientId=${f.clientId}`, `/api/benefits/requests?scope=all&q=${encodeURIComponent('鼎盛')}`] },
  'GET /api/benefits/requests/:id': { kind: 'record', url: (_f, id) => `/api/benefits/requests/${id}`, id: (f) => f.requestId },
  'PATCH /api/benefits/requests/:id': { kind: 'record', method: 'PATCH', url: (_f, id) => `/api/benefits/requests/${id}`, id: (f) => f.requestId, body: () => ({ ...version, purpose: '改' }) },
  'POST /api/benefits/requests/:id/submit': { kind: 'record', method: 'POST', url: (_f, id) => `/api/benefits/requests/${id}/submit`, id: (f) => f.requestId, body: () => version },
  'POST /api/benefits/requests/:id/decision': { kind: 'record', method: 'POST', url: (_f, id) => `/api/benefits/requests/${id}/decision`, id: (f) => f.requestId, body: () => ({ ...version, decision: 'approve' }) },
  'POST /api/benefits/requests/:id/withdraw': { kind: 'record', method: 'POST', url: (_f, id) => `/api/benefits/requests/${id}/withdraw`, id: (f) => f.requestId, body: () => version },
  'POST /api/benefits/requests/:id/cancel': { kind: 'record', method: 'POST', url: (_f, id) => `/api/benefits/requests/${id}/cancel`, id: (f) => f.requestId, body: () => ({ ...version, comment: '取消' }) },
  'POST /api/benefits/requests/:id/steps/:stepId/reassign': { kind: 'record', method: 'POST', url: (f, id) => `/api/benefits/requests/${id}/steps/${f.stepId}/reassign`, id: (f) => f.requestId, body: (f) => ({ approverIds: [f.someUserId], comment: '休假' }) },
  'POST /api/benefits/requests/:id/payments': { kind: 'record', method: 'POST', url: (_f, id) => `/api/benefits/requests/${id}/payments`, id: (f) => f.requestId, body: (f) => ({ ...version, amount: '100', paidOn: f.today, method: 'bank_transfer', voucherNo: 'V-1' }) },
  'POST /api/benefits/requests/:id/payments/:entryId/reverse': { kind: 'record', method: 'POST', url: (_f, id) => `/api/benefits/requests/${id}/payments/${randomUUID()}/reverse`, id: (f) => f.requestId, body: () => ({ ...version, comment: '退回' }) },
  'POST /api/benefits/requests/:id/close': { kind: 'record', method: 'POST', url: (_f, id) => `/api/benefits/requests/${id}/close`, id: (f) => f.requestId, body: () => version },
  'GET /api/benefits/requests/:id/attachments/:attachmentId': { kind: 'record', url: (f, id) => `/api/benefits/requests/${id}/attachments/${f.attachmentId}`, id: (f) => f.requestId },
  'POST /api/benefits/requests/:id/attachments/:attachmentId/remove': { kind: 'record', method: 'POST', url: (f, id) => `/api/benefits/requests/${id}/attachments/${f.attachmentId}/remove`, id: (f) => f.requestId, body: () => version },
  'PUT /api/benefits/requests/:id/attachments': { kind: 'record', method: 'PUT', url: (_f, id) => `/api/benefits/requests/${id}/attachments?kind=photo&name=p.png`, id: (f) => f.requestId, raw: { contentType: 'image/png', payload: PNG } },
  'GET /api/benefits/ledger/entries': { kind: 'list', urls: (f) => ['/api/benefits/ledger/entries?pageSize=200', `/api/benefits/ledger/entries?clientId=${f.clientId}`] },
  'GET /api/benefits/ledger/summary': { kind: 'list', urls: () => ['/api/benefits/ledger/summary?groupBy=client', '/api/benefits/ledger/summary?groupBy=counterparty'] },
  'GET /api/benefits/ledger/export': { kind: 'list', urls: (f) => ['/api/benefits/ledger/export?format=csv', `/api/benefits/ledger/export?format=csv&clientId=${f.clientId}`] },
  'GET /api/benefits/blackouts': { kind: 'list', urls: (f) => ['/api/benefits/blackouts', `/api/benefits/blackouts?clientId=${f.clientId}`] },
  'POST /api/benefits/blackouts': { kind: 'record', method: 'POST', url: () => '/api/benefits/blackouts', id: (f) => f.clientId, body: (f, id) => ({ clientId: id, startsOn: f.today, endsOn: f.today, reason: '招标' }) },
  'POST /api/benefits/blackouts/:id/lift': { kind: 'record', method: 'POST', url: (_f, id) => `/api/benefits/blackouts/${id}/lift`, id: (f) => f.blackoutId, body: () => ({ reason: '招标结束' }) },

  // --- early warning
  'GET /api/alerts': { kind: 'list', urls: (f) => ['/api/alerts?pageSize=200', `/api/alerts?clientId=${f.clientId}`, `/api/alerts?requestId=${f.requestId}`] },
  'GET /api/alerts/dashboard': { kind: 'none', why: 'counts of the alerts the caller may see, by severity, age and rule; no client named' },
  'POST /api/alerts/judge': { kind: 'none', why: 'judges what the outbox holds; answers counts' },
  'GET /api/alerts/:id': { kind: 'record', url: (_f, id) => `/api/alerts/${id}`, id: (f) => f.alertId },
  'POST /api/alerts/:id/review': { kind: 'record', method: 'POST', url: (_f, id) => `/api/alerts/${id}/review`, id: (f) => f.alertId, body: () => version },
  'POST /api/alerts/:id/dismiss': { kind: 'record', method: 'POST', url: (_f, id) => `/api/alerts/${id}/dismiss`, id: (f) => f.alertId, body: () => ({ ...version, reason: '已核实' }) },
  'POST /api/alerts/:id/escalate': { kind: 'record', method: 'POST', url: (_f, id) => `/api/alerts/${id}/escalate`, id: (f) => f.alertId, body: () => version },
  'GET /api/monitoring/rules': { kind: 'none', why: 'the early-warning rules' },
  'GET /api/monitoring/rules/:rule/versions': { kind: 'none', why: 'the early-warning rules' },
  'POST /api/monitoring/rules/:rule/versions': { kind: 'none', why: 'the early-warning rules' },
  'POST /api/monitoring/rules/:rule/preview': { kind: 'list', method: 'POST', urls: () => ['/api/monitoring/rules/blackout/preview'], body: () => ({ enabled: true, weight: 90, params: {} }) },

  'GET /api/risk/register': { kind: 'list', urls: () => ['/api/risk/register?subjectType=client&pageSize=200'] },
  'GET /api/risk/heatmap': { kind: 'none', why: 'average points per department and category; no client named' },
  'GET /api/risk/history/:subjectType/:id': { kind: 'record', url: (_f, id) => `/api/risk/history/client/${id}`, id: (f) => f.clientId },
  'GET /api/risk/runs': { kind: 'none', why: 'when the assessment ran and how many it scored' },
  'POST /api/risk/runs': { kind: 'none', why: 'runs the assessment; answers counts' },
  'GET /api/risk/settings': { kind: 'none', why: 'the assessment’s schedule' },
  'PUT /api/risk/settings': { kind: 'none', why: 'the assessment’s schedule' },

  // --- the audit trail
  'GET /api/audit': { kind: 'list', urls: (f) => ['/api/audit?pageSize=200', `/api/audit?entityId=${f.clientId}`, '/api/audit?entityType=benefit_request&pageSize=200'] },
  'GET /api/audit/export.csv': { kind: 'list', urls: () => ['/api/audit/export.csv?entityType=client'] },
};

async function ok(response: LightMyRequestResponse) {
  expect(response.statusCode, `${response.statusCode} ${response.body.slice(0, 500)}`).toBeLessThan(300);
  return response.json();
}

async function userId(session: Client, username: string): Promise<string> {
  const found = (await session.get(`/api/users?q=${username}&pageSize=50`)).json().items as { id: string; username: string }[];
  return found.find((u) => u.username === username)!.id;
}

/** Two officers with the same roles (every client-data permission); only the first will be walled off. */
async function officers() {
  const admin = await testApp().signIn('admin');
  const department = ((await admin.get('/api/departments')).json().items as { id: string; code: string }[]).find((d) => d.code === 'CMP')!;
  for (const [username, displayName] of [
    ['wall.officer', '隔离测试甲'],
    ['free.officer', '隔离测试乙'],
  ]) {
    await ok(await admin.post('/api/users', { username, displayName, departmentId: department.id, roles: ['compliance', 'finance', 'manager', 'staff'], password: TEST_PASSWORD }));
  }
  return { walled: await testApp().signIn('wall.officer'), free: await testApp().signIn('free.officer'), compliance: await testApp().signIn('compliance') };
}

/** Records of every kind about the client, made by the unwalled colleague. */
async function buildFixture(free: Client, compliance: Client): Promise<Fixture> {
  const today = chinaToday();
  const client = ((await ok(await free.get(`/api/registry/clients?q=${encodeURIComponent(DINGSHENG)}`))).items as { id: string; party: { id: string; name: string } }[]).find((c) => c.party.name === DINGSHENG)!;
  const partyId = client.party.id;
  const directorParty = ((await ok(await free.get(`/api/registry/parties?q=${encodeURIComponent('张建华')}&kind=person`))).items as { id: string }[])[0]!;
  const relationship = ((await ok(await free.get(`/api/registry/relationships?partyId=${directorParty.id}`))).items as { id: string; to: { id: string }; from: { id: string } }[]).find(
    (r) => r.to.id === partyId || r.from.id === partyId,
  )!;
  // These answer with the whole client or party: the new row is found in it.
  const withContact = await ok(await free.post(`/api/registry/clients/${client.id}/contacts`, { person: { name: '鼎盛联络人' }, role: '采购' }));
  const contact = (withContact.contacts as { id: string; party: { name: string } }[]).find((c) => c.party.name === '鼎盛联络人')!;
  const withName = await ok(await free.post(`/api/registry/parties/${partyId}/names`, { name: '鼎盛精机', nameType: 'abbreviation' }));
  const name = (withName.names as { id: string; name: string }[]).find((n) => n.name === '鼎盛精机')!;
  const withIdentifier = await ok(await free.post(`/api/registry/parties/${partyId}/identifiers`, { scheme: 'other', value: 'DS-1' }));
  const identifier = (withIdentifier.identifiers as { id: string; scheme: string }[]).find((i) => i.scheme === 'other')!;

  const request = await ok(await free.post('/api/benefits/requests', { benefitType: 'other', counterpartyPartyId: partyId, clientId: client.id, amount: '800.00', currency: 'CNY', benefitDate: today, purpose: '年末客户答谢' }));
  const attachment = await ok(await free.request('PUT', `/api/benefits/requests/${request.id}/attachments?kind=photo&name=gift.png`, { body: PNG, headers: { 'content-type': 'image/png' } }));
  const drafted = await ok(await free.get(`/api/benefits/requests/${request.id}`));
  await ok(await free.post(`/api/benefits/requests/${request.id}/submit`, { version: drafted.version }));
  const submitted = await ok(await free.get(`/api/benefits/requests/${request.id}`));

  const opened = await ok(await free.post('/api/cases', { title: '鼎盛项目利益冲突', description: '员工配偶任客户董事', kind: 'staff_client', subjectMatters: ['service'], clientIds: [client.id] }));
  const caseFile = await ok(await free.request('PUT', `/api/cases/${opened.id}/attachments?name=${encodeURIComponent('调查记录.png')}`, { body: PNG, headers: { 'content-type': 'image/png' } }));
  const someUserId = await userId(compliance, 'gao.peng');
  const disclosure = await ok(await free.post('/api/disclosures', { userId: someUserId, summary: '配偶持有客户股份', clientId: client.id, caseId: opened.id }));
  const violation = await ok(await free.post('/api/violations', { caseId: opened.id, personId: someUserId, rule: '回避制度第三条', finding: '未申报亲属关系', foundOn: today }));
  const check = await ok(await free.post('/api/conflict-checks', { subjects: [{ name: '鼎盛精密机械', kind: 'org' }], purpose: '新项目' }));
  const blackout = await ok(await compliance.post('/api/benefits/blackouts', { clientId: client.id, startsOn: '2030-01-01', endsOn: '2030-01-31', reason: '招标' }));
  // Someone other than 李娜, so that her recusal stays a suggestion from the graph.
  const recusal = await ok(await compliance.post('/api/recusals', { userId: await userId(compliance, 'zhang.wei'), clientIds: [client.id], reason: '曾在该客户任职' }));
  const barrier = await ok(await compliance.post('/api/recusals/barriers', { name: '鼎盛并购项目', clientIds: [client.id], walledOffUserIds: [someUserId], reason: '并购项目' }));
  const clientSet = await ok(await compliance.post('/api/recusals/client-sets', { name: '鼎盛集团', clientIds: [client.id] }));
  await ok(await compliance.post('/api/recusals/barriers', { name: '集团并购项目', clientSetIds: [clientSet.id], walledOffUserIds: [someUserId], reason: '并购项目' }));
  await ok(await compliance.post('/api/recusals', { userId: await userId(compliance, 'zhang.wei'), clientSetIds: [clientSet.id], reason: '曾在该集团任职' }));
  // A blackout declared over the request's date: the early warning raises an alert naming it.
  await ok(await compliance.post('/api/benefits/blackouts', { clientId: client.id, startsOn: today, endsOn: today, reason: '年审期间' }));
  await ok(await compliance.post('/api/alerts/judge', {}));
  const alert = ((await ok(await free.get(`/api/alerts?requestId=${request.id}&rule=blackout`))).items as { id: string }[])[0]!;
  await ok(await compliance.post('/api/risk/runs'));
  return {
    clientId: client.id,
    partyId,
    directorPartyId: directorParty.id,
    contactId: contact.id,
    nameId: name.id,
    identifierId: identifier.id,
    relationshipId: relationship.id,
    requestId: request.id,
    requestRef: request.ref,
    stepId: (submitted.steps as { id: string }[])[0]!.id,
    attachmentId: attachment.id,
    caseId: opened.id,
    caseRef: opened.ref,
    caseAttachmentId: caseFile.id,
    disclosureId: disclosure.id,
    violationId: violation.id,
    checkId: check.id,
    blackoutId: blackout.id,
    recusalId: recusal.id,
    barrierId: barrier.id,
    clientSetId: clientSet.id,
    alertId: alert.id,
    someUserId,
    today,
  };
}

const call = (session: Client, method: string, url: string, probe: Probe, body: unknown) =>
  probe.kind === 'record' && probe.raw
    ? session.request(method as 'PUT', url, { body: probe.raw.payload, headers: { 'content-type': probe.raw.contentType } })
    : session.request(method as 'GET', url, { body: body as object | undefined });

/** The answer as one JSON document, or null (CSV, JSON lines, files). */
function jsonOf(answer: LightMyRequestResponse) {
  try {
    return JSON.parse(answer.body);
  } catch {
    return null;
  }
}

const mentions = (text: string, markers: string[]) => markers.filter((m) => text.includes(m));

describe('access matrix: recusals and information barriers', () => {
  it('classifies every API route', () => {
    const unclassified = testApp()
      .app.routeAccess.map((r) => `${r.method} ${r.url}`)
      .filter((key) => !Object.hasOwn(matrix, key));
    expect(unclassified, 'routes with no line in the access matrix').toEqual([]);
  });

  it('a walled-off officer gets nothing of the client, an unwalled colleague with the same roles gets it, and each refusal is logged', async () => {
    const { walled, free, compliance } = await officers();
    const f = await buildFixture(free, compliance);
    const markers = markersOf(f);
    const wallOfficerId = await userId(compliance, 'wall.officer');
    await ok(await compliance.post('/api/recusals/barriers', { name: '鼎盛项目隔离（测试）', clientIds: [f.clientId], walledOffUserIds: [wallOfficerId], reason: '对方代理人' }));

    const routes = testApp().app.routeAccess.map((r) => ({ key: `${r.method} ${r.url}`, method: r.method }));
    const failures: string[] = [];
    let refusals = 0;

    // The walled officer first, so the colleague's changes below cannot hide a leak.
    for (const { key, method } of routes) {
      const probe = matrix[key];
      if (!probe) continue; // reported by the classification test
      if (probe.kind === 'list') {
        for (const url of probe.urls(f)) {
          const walledAnswer = await call(walled, probe.method ?? 'GET', url, probe, probe.body?.(f));
          const freeAnswer = await call(free, probe.method ?? 'GET', url, probe, probe.body?.(f));
          if (walledAnswer.statusCode >= 500) failures.push(`${key} ${url}: walled got ${walledAnswer.statusCode}`);
          const leaked = mentions(walledAnswer.body, markers);
          if (leaked.length) {
            const at = walledAnswer.body.indexOf(leaked[0]!);
            failures.push(`${key} ${url}: walled officer sees ${leaked.join(', ')} in …${walledAnswer.body.slice(Math.max(0, at - 300), at + 100)}…`);
          }
          if (!mentions(freeAnswer.body, markers).length) failures.push(`${key} ${url}: the colleague does not see the client (probe proves nothing): ${freeAnswer.statusCode} ${freeAnswer.body.slice(0, 200)}`);
          const [w, c] = [walledAnswer, freeAnswer].map(jsonOf);
          // Totals must not count what is hidden: on a page that holds everything, the total is what is shown.
          if (w && c && typeof c.total === 'number' && Array.isArray(c.items) && c.items.length === c.total && w.total !== w.items?.length)
            failures.push(`${key} ${url}: walled total ${w.total}, but ${w.items?.length} shown`);
        }
      } else if (probe.kind === 'record') {
        const verb = probe.method ?? method;
        const hidden = await call(walled, verb, probe.url(f, probe.id(f)), probe, probe.body?.(f, probe.id(f)));
        const unknownId = randomUUID();
        const missing = await call(walled, verb, probe.url(f, unknownId), probe, probe.body?.(f, unknownId));
        if (hidden.statusCode < 400 || hidden.statusCode >= 500) failures.push(`${key}: walled officer got ${hidden.statusCode} ${hidden.body.slice(0, 300)}`);
        else {
          refusals++;
          if (hidden.statusCode !== missing.statusCode || hidden.json().error?.code !== missing.json().error?.code || hidden.json().error?.message !== missing.json().error?.message)
            failures.push(`${key}: hidden answers ${hidden.body.slice(0, 200)} but missing answers ${missing.statusCode} ${missing.body.slice(0, 200)}`);
          if (mentions(hidden.body, markers).length) failures.push(`${key}: the refusal names the client`);
        }
      }
    }

    // Each refusal is in the supervision report, under the walled officer.
    const report = (await ok(await compliance.get('/api/recusals/denials'))).items as { user: { id: string }; walledOff: number; total: number }[];
    const mine = report.find((row) => row.user.id === wallOfficerId);
    if ((mine?.walledOff ?? 0) < refusals) failures.push(`supervision report counts ${mine?.walledOff ?? 0} refusals, ${refusals} were made`);

    // The colleague still reaches every record: whatever they get, it is not the unknown-record answer.
    // Their changes are real, so those that end a record come last.
    const ending = /\/(end|revoke|cancel|withdraw|lift|reverse|close|remove|reject|retire)$/;
    for (const { key, method } of [...routes].sort((a, b) => Number(ending.test(a.key)) - Number(ending.test(b.key)))) {
      const probe = matrix[key];
      if (probe?.kind !== 'record') continue;
      const verb = probe.method ?? method;
      const unknownId = randomUUID();
      const [answer, missing] = [await call(free, verb, probe.url(f, probe.id(f)), probe, probe.body?.(f, probe.id(f))), await call(free, verb, probe.url(f, unknownId), probe, probe.body?.(f, unknownId))];
      const same = answer.statusCode === missing.statusCode && answer.body === missing.body;
      if (same || answer.statusCode >= 500) failures.push(`${key}: the colleague got ${answer.statusCode} ${answer.body.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  });
});
