import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { AlertOutlined, ApartmentOutlined, AuditOutlined, BranchesOutlined, CheckSquareOutlined, ClusterOutlined, ContactsOutlined, ControlOutlined, FileProtectOutlined, FileSearchOutlined, FormOutlined, HeatMapOutlined, HomeOutlined, ImportOutlined, PayCircleOutlined, SafetyOutlined, SettingOutlined, ShopOutlined, SolutionOutlined, StopOutlined, TableOutlined, TeamOutlined, ThunderboltOutlined, UnorderedListOutlined, UserDeleteOutlined, UserSwitchOutlined, WarningOutlined } from '@ant-design/icons';
import type zhCN from '../i18n/zh-CN';

export interface PageDef {
  path: string;
  component: LazyExoticComponent<ComponentType>;
  /** Permission needed to open the page and see its menu item (any one of a list); none means every signed-in user. */
  permission?: string | readonly string[];
  /** For pages in the side menu: the `nav.*` message key and the icon; `group` puts it under a titled group. */
  nav?: { label: keyof typeof zhCN.nav; icon: ReactNode; group?: keyof typeof zhCN.nav };
}

// Every page inside the shell, in menu order. A new capability adds one line here (and its nav.* message).
export const PAGES: PageDef[] = [
  { path: '/', nav: { label: 'home', icon: <HomeOutlined /> }, component: lazy(() => import('../features/home/HomePage')) },
  // Each holder lands on the tab they may use: checks, saved checks (auditors) or settings (administrators).
  { path: '/conflicts', permission: ['conflicts.check', 'conflicts.history', 'conflicts.configure'], nav: { label: 'conflicts', icon: <BranchesOutlined /> }, component: lazy(() => import('../features/conflicts/ConflictsPage')) },
  // Saved checks: their own for those who run checks, everyone's for reviewers (the pages check both).
  { path: '/conflicts/history', component: lazy(() => import('../features/conflicts/HistoryPage')) },
  { path: '/conflicts/settings', permission: 'conflicts.configure', component: lazy(() => import('../features/conflicts/SettingsPage')) },
  { path: '/conflicts/checks/:id', component: lazy(() => import('../features/conflicts/CheckPage')) },
  // Everyone sees the cases they reported or run; readers of all see every case (the server decides).
  { path: '/cases', nav: { label: 'cases', icon: <FileSearchOutlined />, group: 'conflictCases' }, component: lazy(() => import('../features/cases/CasesPage')) },
  { path: '/cases/:id', component: lazy(() => import('../features/cases/CasePage')) },
  { path: '/conflict-report', permission: 'cases.report', nav: { label: 'caseReport', icon: <AlertOutlined />, group: 'conflictCases' }, component: lazy(() => import('../features/cases/ReportPage')) },
  // Everyone discloses their own interests; readers of all cases see everyone's (the page's second tab).
  { path: '/disclosures', nav: { label: 'disclosures', icon: <SolutionOutlined />, group: 'conflictCases' }, component: lazy(() => import('../features/cases/DisclosuresPage')) },
  { path: '/disclosures/:id', component: lazy(() => import('../features/cases/DisclosurePage')) },
  { path: '/recusals/mine', nav: { label: 'myRecusals', icon: <StopOutlined />, group: 'conflictCases' }, component: lazy(() => import('../features/recusal/MyRecusalsPage')) },
  { path: '/recusals/manage', permission: ['recusals.manage', 'recusals.read_all'], nav: { label: 'recusals', icon: <UserDeleteOutlined />, group: 'conflictCases' }, component: lazy(() => import('../features/recusal/RecusalsPage')) },
  { path: '/recusals/barriers', permission: 'recusals.read_all', nav: { label: 'barriers', icon: <SafetyOutlined />, group: 'conflictCases' }, component: lazy(() => import('../features/recusal/BarriersPage')) },
  { path: '/recusals/client-sets', permission: 'recusals.read_all', nav: { label: 'clientSets', icon: <ClusterOutlined />, group: 'conflictCases' }, component: lazy(() => import('../features/recusal/ClientSetsPage')) },
  { path: '/recusals/denials', permission: 'recusals.read_all', nav: { label: 'denials', icon: <WarningOutlined />, group: 'conflictCases' }, component: lazy(() => import('../features/recusal/DenialsPage')) },
  { path: '/benefits/new', permission: 'benefits.request', nav: { label: 'benefitsNew', icon: <FormOutlined />, group: 'benefits' }, component: lazy(() => import('../features/benefits/RequestFormPage')) },
  { path: '/benefits/requests', permission: ['benefits.request', 'benefits.read_all'], nav: { label: 'benefitsMine', icon: <UnorderedListOutlined />, group: 'benefits' }, component: lazy(() => import('../features/benefits/RequestsPage')) },
  // Who may read a request (requester, its approvers, readers of all) is the server's answer.
  { path: '/benefits/requests/:id', component: lazy(() => import('../features/benefits/RequestPage')) },
  { path: '/benefits/requests/:id/edit', permission: 'benefits.request', component: lazy(() => import('../features/benefits/RequestFormPage')) },
  { path: '/benefits/inbox', permission: 'benefits.approve', nav: { label: 'benefitsInbox', icon: <CheckSquareOutlined />, group: 'benefits' }, component: lazy(() => import('../features/benefits/InboxPage')) },
  { path: '/benefits/delegations', permission: 'benefits.approve', nav: { label: 'benefitsDelegations', icon: <UserSwitchOutlined />, group: 'benefits' }, component: lazy(() => import('../features/benefits/DelegationsPage')) },
  { path: '/benefits/payments', permission: 'benefits.pay', nav: { label: 'benefitsPayments', icon: <PayCircleOutlined />, group: 'benefits' }, component: lazy(() => import('../features/benefits/PaymentsPage')) },
  { path: '/benefits/ledger', permission: 'benefits.read_all', nav: { label: 'benefitsLedger', icon: <TableOutlined />, group: 'benefits' }, component: lazy(() => import('../features/benefits/LedgerPage')) },
  { path: '/benefits/policy', permission: 'benefits.configure', nav: { label: 'benefitsPolicy', icon: <SettingOutlined />, group: 'benefits' }, component: lazy(() => import('../features/benefits/PolicyPage')) },
  // Early warning: compliance triages alerts, auditors read them; rules are read by both, edited by compliance;
  // compliance runs the risk assessment and sets its schedule, auditors read it.
  { path: '/alerts', permission: 'monitoring.read', nav: { label: 'alerts', icon: <ThunderboltOutlined />, group: 'earlyWarning' }, component: lazy(() => import('../features/monitoring/AlertsPage')) },
  { path: '/alerts/:id', permission: 'monitoring.read', component: lazy(() => import('../features/monitoring/AlertPage')) },
  { path: '/monitoring/rules', permission: 'monitoring.read', nav: { label: 'alertRules', icon: <ControlOutlined />, group: 'earlyWarning' }, component: lazy(() => import('../features/monitoring/RulesPage')) },
  { path: '/monitoring/rules/:rule', permission: 'monitoring.read', component: lazy(() => import('../features/monitoring/RulePage')) },
  { path: '/risk', permission: 'monitoring.read', nav: { label: 'riskAssessment', icon: <HeatMapOutlined />, group: 'earlyWarning' }, component: lazy(() => import('../features/monitoring/RiskPage')) },
  { path: '/registry/parties', permission: 'registry.read', nav: { label: 'parties', icon: <ContactsOutlined /> }, component: lazy(() => import('../features/registry/PartiesPage')) },
  { path: '/registry/parties/:id', permission: 'registry.read', component: lazy(() => import('../features/registry/PartyPage')) },
  { path: '/registry/clients', permission: 'registry.read', nav: { label: 'clients', icon: <ShopOutlined /> }, component: lazy(() => import('../features/registry/ClientsPage')) },
  { path: '/registry/clients/:id', permission: 'registry.read', component: lazy(() => import('../features/registry/ClientPage')) },
  { path: '/registry/relationships', permission: 'registry.read', nav: { label: 'relationships', icon: <ApartmentOutlined /> }, component: lazy(() => import('../features/registry/RelationshipsPage')) },
  { path: '/registry/declarations', nav: { label: 'declarations', icon: <FileProtectOutlined /> }, component: lazy(() => import('../features/registry/declarations/DeclarationsPage')) },
  { path: '/registry/import', permission: 'registry.import', nav: { label: 'import', icon: <ImportOutlined /> }, component: lazy(() => import('../features/registry/import/ImportPage')) },
  { path: '/audit', permission: 'audit.read', nav: { label: 'audit', icon: <AuditOutlined /> }, component: lazy(() => import('../features/audit/AuditPage')) },
  { path: '/admin/users', permission: 'users.read', nav: { label: 'users', icon: <TeamOutlined /> }, component: lazy(() => import('../features/admin/UsersPage')) },
  { path: '/account/tokens', component: lazy(() => import('../features/auth/TokensPage')) },
];
