import type { TaskState } from './state-machine';

export interface TaskRow {
  id: string;
  code: string;
  title: string;
  description: string;
  source: 'alert' | 'patrol' | 'complaint' | 'manual' | 'ledger';
  category: string | null;
  state: TaskState;
  issuer_node_id: string;
  issuer_user_id: string | null;
  assignee_node_id: string;
  assignee_level: 'county' | 'school';
  school_id: string | null;
  canteen_id: string | null;
  camera_id: string | null;
  /** What the issuer asks of the assignee (整改要求). */
  instruction: string | null;
  parent_id: string | null;
  batch_id: string | null;
  alert_id: string | null;
  complaint_id: string | null;
  patrol_record_id: string | null;
  scope_path: string;
  deadline: Date;
  remind_at: Date;
  reminder_sent_at: Date | null;
  overdue_at: Date | null;
  accepted_at: Date | null;
  submitted_at: Date | null;
  closed_at: Date | null;
  cancelled_at: Date | null;
  return_count: number;
  remind_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface TaskEventRow {
  id: number;
  task_id: string;
  at: Date;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_node_code: string | null;
  note: string | null;
  attachment_ids: string[];
  details: Record<string, unknown> | null;
}
