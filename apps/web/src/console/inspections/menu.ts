import type { TRole } from '@zhilv/contracts';
import type { TMenuItem } from '../menu';

/** The inspection entries of each role's menu (issue 15), after the role's other entries. */
export function inspectionMenuFor(role: TRole): TMenuItem[] {
  const list = { path: '/console/inspections', key: 'inspections.menu.inspections' };
  const hazards = { path: '/console/hazards', key: 'inspections.menu.hazards' };
  const stats = { path: '/console/inspection-stats', key: 'inspections.menu.stats' };
  const interviews = { path: '/console/interviews', key: 'inspections.menu.interviews' };
  switch (role) {
    case 'grid_worker':
      return [list, hazards, stats];
    case 'department_staff':
      return [list, hazards, interviews];
    case 'department_head':
    case 'leader':
      return [list, hazards, stats, interviews];
    case 'dispatcher':
      return [hazards, stats];
    case 'business':
      return [
        { path: '/console/inspections', key: 'inspections.menu.myInspections' },
        { path: '/console/hazards', key: 'inspections.menu.myHazards' },
        interviews,
      ];
    case 'system_admin':
      return [{ path: '/console/admin/checklists', key: 'inspections.menu.checklists', group: 'admin' }];
    default:
      return [];
  }
}
