// Ledger warning rules (pure): expired and expiring licences and health certificates, missing morning checks,
// meal accompaniment and self-inspection, food samples, purchases without certificate.
export * from './categories';
export * from './thresholds';
export * from './types';
export * from './evaluate';
export { expiryState } from './expiry';
export { sampleKeptHours } from './food-samples';
export { hasCertificate } from './purchases';
export * from './completeness';
export * from './kinds';
