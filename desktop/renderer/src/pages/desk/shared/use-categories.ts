// The categories hook now lives in hooks/ (the school page names categories too); this keeps the desk's
// alert detail pane importing it from here until that file's imports move.
export { useCategories, type AlertCategoryInfo } from '../../../hooks/use-categories';
