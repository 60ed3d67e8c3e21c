// Where each figure of the big screen leads: the records behind it, through the URL contract the dispatch
// desk, the video wall and the patrol console honour.
const hash = (page: string, params: Record<string, string | undefined>) => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, value);
  const text = query.toString();
  return `#/${page}${text ? `?${text}` : ''}`;
};

export const drill = {
  alerts: (params: { category?: string; county?: string } = {}) => hash('desk', { tab: 'alerts', ...params }),
  alert: (id: string) => hash('desk', { tab: 'alerts', alert: id }),
  openTasks: (county?: string) => hash('desk', { tab: 'tasks', state: 'open', county }),
  overdueTasks: (county?: string) => hash('desk', { tab: 'tasks', overdue: '1', county }),
  countyTasks: (county: string) => hash('desk', { tab: 'tasks', county }),
  schoolTasks: (school: string) => hash('desk', { tab: 'tasks', state: 'open', school }),
  task: (id: string) => hash('desk', { tab: 'tasks', task: id }),
  patrol: (canteen?: string) => hash('patrol', { canteen }),
  offlineCameras: (county?: string) => hash('wall', { status: 'offline', county }),
  cameras: (ids: readonly string[]) => hash('wall', { cameras: ids.join(',') }),
};
