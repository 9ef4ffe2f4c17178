import { installConflictClientRecords } from './conflicts/conflicts.service';
import { installBenefitClientRecords } from './benefits/client-records';
import { installCaseClientRecords } from './cases/client-records';
import { installAlertClientRecords } from './monitoring/alerts.service';
import { installRecusalEnforcement } from './recusal/enforcement';
import { installStaffParties } from './registry/staff.service';

/** Connects the modules' reactions to platform events; every entry point (server, CLI, tests) calls it. */
export function installModules(): void {
  installStaffParties();
  installRecusalEnforcement();
  installBenefitClientRecords();
  installCaseClientRecords();
  installConflictClientRecords();
  installAlertClientRecords();
}
