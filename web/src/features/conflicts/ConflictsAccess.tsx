import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import Forbidden from '../../app/pages/Forbidden';
import { CONFLICTS_PATH, HISTORY_PATH, SETTINGS_PATH } from './types';

/**
 * Who may open which conflict-check page: checks for conflicts.check; saved checks for those who run
 * checks (their own) and reviewers (everyone's); the settings for conflicts.configure.
 */
export function ConflictsAccess({ tab, children }: { tab: string; children: ReactNode }) {
  const { can } = useAuth();
  // The menu item leads every holder of one of these tabs: those who may not run checks go to their own tab.
  if (tab === CONFLICTS_PATH && !can('conflicts.check')) {
    if (can('conflicts.history')) return <Navigate to={HISTORY_PATH} replace />;
    if (can('conflicts.configure')) return <Navigate to={SETTINGS_PATH} replace />;
  }
  const allowed =
    tab === CONFLICTS_PATH ? can('conflicts.check') : tab === SETTINGS_PATH ? can('conflicts.configure') : can('conflicts.check') || can('conflicts.history');
  return allowed ? children : <Forbidden />;
}
