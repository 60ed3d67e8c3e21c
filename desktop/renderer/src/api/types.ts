// The server's response shapes, as the renderer sees them: inferred from the server's own zod schemas
// (types only, nothing of the server enters the bundle), so a changed contract fails the type check here.
import type { z } from 'zod';
import type * as Alerts from '../../../../server/alerts/schemas';
import type * as Analytics from '../../../../server/analytics/schemas';
import type * as Assessment from '../../../../server/assessment/schemas';
import type * as Attachments from '../../../../server/attachments/schemas';
import type * as Auth from '../../../../server/auth/schemas';
import type * as Cameras from '../../../../server/cameras/schemas';
import type * as Video from '../../../../server/cameras/video/schemas';
import type * as Complaints from '../../../../server/complaints/schemas';
import type * as Dashboard from '../../../../server/dashboard/schemas';
import type * as Gb from '../../../../server/gb/schemas';
import type * as Org from '../../../../server/org/schemas';
import type * as Patrol from '../../../../server/patrol/schemas';
import type * as Public from '../../../../server/public/schemas';
import type * as Relays from '../../../../server/relays/schemas';
import type * as Reports from '../../../../server/reports/schemas';
import type * as Risk from '../../../../server/risk/schemas';
import type * as Tasks from '../../../../server/tasks/schemas';
import type { EventMap, EventTopic, EventType } from '../../../../server/realtime/event-catalogue';

type Out<T extends z.ZodType> = z.output<T>;
/** What goes over the wire: dates are ISO strings. */
type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
type Json<T extends z.ZodType> = Wire<Out<T>>;

export type SessionUser = Json<typeof Auth.SessionUser>;
export type LoginResponse = Json<typeof Auth.LoginResponse>;
export type ThrottledUser = Json<typeof Auth.ThrottledUser>;
export type ThrottledUserPage = Json<typeof Auth.ThrottledUserPage>;

export type Alert = Json<typeof Alerts.Alert>;
export type AlertPage = Json<typeof Alerts.AlertPage>;
export type AlertCounts = Json<typeof Alerts.AlertCounts>;
export type AlertTriageResponse = Json<typeof Alerts.TriageResults>;
export type CatalogueResponse = Json<typeof Analytics.CatalogueResponse>;
export type Attachment = Json<typeof Attachments.Attachment>;

export type Camera = Json<typeof Cameras.Camera>;
export type CameraPage = Json<typeof Cameras.CameraPage>;
export type LiveTicket = Json<typeof Video.LiveTicket>;
export type RecordingList = Json<typeof Video.RecordingListResponse>;
export type CapturedSnapshot = Json<typeof Video.CapturedSnapshot>;

export type Complaint = Json<typeof Complaints.Complaint>;
export type ComplaintPage = Json<typeof Complaints.ComplaintPage>;

export type JurisdictionTree = Json<typeof Org.JurisdictionTree>;
export type JurisdictionNode = Json<typeof Org.JurisdictionNode>;
export type BoundaryCollection = Json<typeof Org.BoundaryCollection>;
export type SchoolSummary = Json<typeof Org.SchoolSummary>;
export type SchoolPage = Json<typeof Org.SchoolPage>;
export type SchoolDetail = Json<typeof Org.SchoolDetail>;

export type Checklist = Json<typeof Patrol.Checklist>;
export type PatrolPlan = Json<typeof Patrol.Plan>;
export type PatrolRecord = Json<typeof Patrol.PatrolRecord>;
export type PatrolRecordPage = Json<typeof Patrol.RecordPage>;
export type PatrolStats = Json<typeof Patrol.Stats>;

export type PublicSchoolPage = Json<typeof Public.PublicSchoolPage>;
export type PublicSchoolDetail = Json<typeof Public.PublicSchoolDetail>;

export type CanteenRisk = Json<typeof Risk.CanteenRisk>;
export type CanteenRiskPage = Json<typeof Risk.CanteenRiskPage>;
export type CanteenRiskDetail = Json<typeof Risk.CanteenRiskDetail>;
export type RiskDistribution = Json<typeof Risk.Distribution>;
export type Heatmap = Json<typeof Risk.Heatmap>;

export type TaskSummary = Json<typeof Tasks.TaskSummary>;
export type TaskPage = Json<typeof Tasks.TaskPage>;
export type TaskDetail = Json<typeof Tasks.TaskDetail>;
export type TaskCounts = Json<typeof Tasks.TaskCounts>;
export type TimelineEntry = Json<typeof Tasks.TimelineEntry>;

/** An event as Socket.IO and GET /api/events deliver it: its type decides the shape of its data. */
export type EventMessage<T extends EventType = EventType> = {
  [K in T]: { seq: number; type: K; at: string; subject: { type: string; id: string }; data: Wire<EventMap[K]> };
}[T];
export type { EventTopic, EventType };

// Request bodies of the dispatch desk, as the server's schemas accept them.
export type TaskActionBody = z.input<typeof Tasks.ActionBody>;
export type TaskDispatchBody = z.input<typeof Tasks.DispatchBody>;
export type TaskBulkBody = z.input<typeof Tasks.BulkBody>;
export type AlertConfirmBody = z.input<typeof Alerts.ConfirmBody>;
export type AlertDismissBody = z.input<typeof Alerts.DismissBody>;
export type AlertTriageBody = z.input<typeof Alerts.TriageBody>;

// The big screen's figures (server/dashboard).
export type DashboardSummary = Json<typeof Dashboard.DashboardSummary>;
export type DashboardTrend = Json<typeof Dashboard.DashboardTrend>;
export type DashboardCounty = Json<typeof Dashboard.CountyFigures>;
export type DashboardCounties = Json<typeof Dashboard.DashboardCounties>;
export type DashboardChild = Json<typeof Dashboard.ChildFigures>;
export type DashboardChildren = Json<typeof Dashboard.DashboardChildren>;
export type DashboardCanteenPoint = Json<typeof Dashboard.CanteenPoint>;
export type DashboardCanteens = Json<typeof Dashboard.DashboardCanteens>;

// The public page (server/public, server/complaints).
export type PublicCounties = Json<typeof Public.PublicCounties>;
export type ComplaintStatus = Json<typeof Complaints.ComplaintStatus>;
export type ComplaintCategory = ComplaintStatus['category'];
export type RatingSummary = PublicSchoolDetail['rating'];
export type RatingBody = z.input<typeof Complaints.RatingBody>;
export interface ComplaintFiled {
  trackingCode: string;
  status: 'received';
}

export type AssessmentResult = Json<typeof Assessment.AssessmentResult>;
export type AssessedUnit = Json<typeof Assessment.AssessedUnit>;
export type AssessmentRecords = Json<typeof Assessment.RecordsResult>;
export type Bulletin = Json<typeof Reports.Bulletin>;
export type BulletinList = Json<typeof Reports.BulletinList>;

export type StorageOverview = Json<typeof Relays.StorageOverview>;
export type RelayStorage = Json<typeof Relays.RelayStorage>;
export type ClipStorage = Json<typeof Relays.ClipStorage>;

// GB/T 28181 devices (server/gb).
export type CameraArea = Camera['area'];
export type GbDevice = Json<typeof Gb.GbDevice>;
export type GbDeviceList = Json<typeof Gb.GbDeviceList>;
export type GbChannel = Json<typeof Gb.GbChannel>;
export type GbBoundCamera = Json<typeof Gb.GbBoundCamera>;
export type GbBindBody = z.input<typeof Gb.GbBindBody>;
export type GbBindResult = Json<typeof Gb.GbBindResult>;
export type GbRuleBindResult = Json<typeof Gb.GbRuleBindResult>;
