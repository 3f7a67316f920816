const lazy = (load: () => Promise<Record<string, unknown>>, name: string) => async () => ({
  Component: (await load())[name] as React.ComponentType,
});

/** The inspection pages under /console (issue 15), each loaded on demand. */
export const inspectionRoutes = [
  { path: 'inspections', lazy: lazy(() => import('./InspectionsPage'), 'InspectionsPage') },
  { path: 'inspections/new', lazy: lazy(() => import('./NewInspectionPage'), 'NewInspectionPage') },
  { path: 'inspection-stats', lazy: lazy(() => import('./InspectionStatsPage'), 'InspectionStatsPage') },
  { path: 'inspections/:id', lazy: lazy(() => import('./InspectionDetailPage'), 'InspectionDetailPage') },
  { path: 'hazards', lazy: lazy(() => import('./HazardsPage'), 'HazardsPage') },
  { path: 'hazards/:id', lazy: lazy(() => import('./HazardDetailPage'), 'HazardDetailPage') },
  { path: 'interviews', lazy: lazy(() => import('./InterviewsPage'), 'InterviewsPage') },
  { path: 'admin/checklists', lazy: lazy(() => import('./ChecklistsPage'), 'ChecklistsPage') },
];
