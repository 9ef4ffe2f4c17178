import type { ReactNode } from 'react';
import { useAuth } from '../../app/auth';
import Forbidden from '../../app/pages/Forbidden';
import { CONFLICTS_PATH, SETTINGS_PATH } from './types';

/**
 * Who may open which conflict-check page: checks for conflicts.check; saved checks for those who run
 * checks (their own) and reviewers (everyone's); the settings for conflicts.configure.
 */
export function ConflictsAccess({ tab, children }: { tab: string; children: ReactNode }) {
  const { can } = useAuth();
  const allowed =
    tab === CONFLICTS_PATH ? can('conflicts.check') : tab === SETTINGS_PATH ? can('conflicts.configure') : can('conflicts.check') || can('conflicts.history');
  return allowed ? children : <Forbidden />;
}
