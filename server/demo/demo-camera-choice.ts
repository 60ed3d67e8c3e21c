// Which demo cameras get a simulated stream: up to four of the first school (by code) of three counties —
// 兴隆县 (the demo logins), 双桥区, 滦平县 — for the video wall and the detector, and one camera (the kitchen
// first) of every canteen in the day's patrol plans of the cities, so that each canteen a plan lists at start
// shows live video when the operator opens it (not the province's plan: its 200 would start as many streams).
import type { Knex } from 'knex';

export const DEMO_COUNTIES = ['130822', '130802', '130824'];
export const CAMERAS_PER_DEMO_SCHOOL = 4;

export interface DemoCamera {
  id: string;
  area: string;
  scope_path: string;
}

const AREA_ORDER = `CASE m.area WHEN 'cooking' THEN 0 WHEN 'prep' THEN 1 WHEN 'serving' THEN 2 ELSE 3 END, m.name`;

export async function chooseDemoCameras(db: Knex, planDate: string): Promise<DemoCamera[]> {
  const result = (await db.raw(
    `WITH demo_schools AS (
       SELECT DISTINCT ON (j.code) s.id FROM schools s JOIN jurisdictions j ON s.scope_path LIKE j.path || '%'
        WHERE j.code IN (${DEMO_COUNTIES.map(() => '?').join(', ')}) ORDER BY j.code, s.code),
     planned AS (
       SELECT DISTINCT i.canteen_id FROM patrol_plan_items i JOIN patrol_plans p ON p.id = i.plan_id
         JOIN jurisdictions n ON n.id = p.jurisdiction_id AND n.level = 'city' WHERE p.plan_date = ?::date),
     ranked AS (
       SELECT m.id, m.area, m.scope_path, m.name, m.school_id, m.canteen_id,
              ROW_NUMBER() OVER (PARTITION BY m.school_id ORDER BY ${AREA_ORDER}) AS nth_in_school,
              ROW_NUMBER() OVER (PARTITION BY m.canteen_id ORDER BY ${AREA_ORDER}) AS nth_in_canteen
         FROM cameras m)
     SELECT id, area, scope_path FROM ranked
      WHERE (school_id IN (SELECT id FROM demo_schools) AND nth_in_school <= ?)
         OR (canteen_id IN (SELECT canteen_id FROM planned) AND nth_in_canteen = 1)
      ORDER BY scope_path, name`,
    [...DEMO_COUNTIES, planDate, CAMERAS_PER_DEMO_SCHOOL],
  )) as { rows: DemoCamera[] };
  return result.rows;
}
