// Rows to the shapes of the ledger API.
import type { LedgerEntryRow, StaffRow, SupplierRow } from './queries';

export const presentEntry = (row: LedgerEntryRow) => ({
  id: row.id,
  schoolId: row.school_id,
  canteenId: row.canteen_id,
  kind: row.kind,
  entryDate: row.entry_date,
  payload: row.payload,
  attachmentIds: row.attachment_ids ?? [],
  createdBy: row.created_by_name,
  createdAt: row.created_at.toISOString(),
  version: row.version,
});

export const presentStaff = (row: StaffRow) => ({
  id: row.id,
  schoolId: row.school_id,
  canteenId: row.canteen_id,
  name: row.name,
  position: row.position,
  healthCertNumber: row.health_cert_number,
  healthCertExpiry: row.health_cert_expiry,
  active: row.active,
  version: row.version,
});

export const presentSupplier = (row: SupplierRow) => ({
  id: row.id,
  schoolId: row.school_id,
  name: row.name,
  licenceNumber: row.licence_number,
  licenceExpiry: row.licence_expiry,
  active: row.active,
  version: row.version,
});
