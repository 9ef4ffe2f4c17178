// Every table of every module, for drizzle-kit and for typed queries.
export * from '../auth/auth.tables';
export * from '../audit/audit.tables';
export * from '../../modules/registry/registry.tables';
export * from '../../modules/conflicts/conflicts.tables';
export * from '../../modules/benefits/benefits.tables';
export * from '../../modules/notifications/notifications.tables';
export * from '../../modules/cases/cases.tables';
export * from '../../modules/recusal/recusal.tables';
export * from '../events/events.tables';
export * from '../../modules/monitoring/monitoring.tables';
