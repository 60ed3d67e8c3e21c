// The school calendar as GET/PUT /api/school-calendar answer it (server/settings/calendar-routes.ts).
export interface KeptCalendarValue {
  weekdays: number[];
  closed: Array<{ from: string; to: string; name: string }>;
  open: Array<{ date: string; name: string }>;
}

export interface NodeRef {
  code: string;
  name: string;
  level: string;
}

export interface SchoolCalendarView {
  node: NodeRef;
  value: KeptCalendarValue;
  definedAt: NodeRef | null;
  inherited: KeptCalendarValue;
  inheritedFrom: NodeRef | null;
  version: string | null;
  canEdit: boolean;
}
