// The demo's accounts, one per role and node: `province.admin` and `province.duty` at the province; at the home
// city (Chengde, or the data set's only city) `city.admin` and `city.duty`, at every other city
// `city.<adcode>.admin` and `city.<adcode>.duty`; `county.<adcode>` at every county and `school.<code>` at
// every school. The usernames are what the printed logins and the tests use.
import type { Dataset, JurisdictionRecord } from '../../fixtures/region/types';
import type { DemoLogin } from './seedDemo';

/** The city whose accounts keep the short names of the city demo. */
export const HOME_CITY_CODE = '130800';

export interface DemoUser {
  username: string;
  display_name: string;
  role: string;
  jurisdiction_id: string;
}

export function homeCityOf(dataset: Dataset): JurisdictionRecord {
  const cities = dataset.jurisdictions.filter((node) => node.level === 'city');
  const home = cities.find((city) => city.code === HOME_CITY_CODE) ?? cities[0];
  if (!home) throw new Error('The data set has no city');
  return home;
}

export function demoUsers(dataset: Dataset): DemoUser[] {
  const province = dataset.jurisdictions.find((node) => node.level === 'province');
  const home = homeCityOf(dataset);
  const cities = dataset.jurisdictions.filter((node) => node.level === 'city');
  const cityUser = (city: JurisdictionRecord, duty: 'admin' | 'duty'): DemoUser => ({
    username: city.id === home.id ? `city.${duty}` : `city.${city.code}.${duty}`,
    display_name: duty === 'admin' ? `${city.name}管理员` : `${city.name}指挥中心值班员`,
    role: duty === 'admin' ? 'city_admin' : 'city_operator',
    jurisdiction_id: city.id,
  });
  return [
    ...(province
      ? [
          { username: 'province.admin', display_name: `${province.name}管理员`, role: 'province_admin', jurisdiction_id: province.id },
          {
            username: 'province.duty',
            display_name: `${province.name}指挥中心值班员`,
            role: 'province_operator',
            jurisdiction_id: province.id,
          },
        ]
      : []),
    ...cities.flatMap((city) => [cityUser(city, 'admin'), cityUser(city, 'duty')]),
    ...dataset.jurisdictions
      .filter((node) => node.level === 'county')
      .map((county) => ({
        username: `county.${county.code}`,
        display_name: `${county.name}市场监管局调度员`,
        role: 'county_operator',
        jurisdiction_id: county.id,
      })),
    ...dataset.schools.map((school) => ({
      username: `school.${school.code}`,
      display_name: `${school.name}食堂负责人`,
      role: 'school_manager',
      jurisdiction_id: school.jurisdictionId,
    })),
  ];
}

/** A few logins to print: the province's, the home city's, one other city's, a county's and a school's. */
export function sampleLogins(dataset: Dataset, users: DemoUser[]): DemoLogin[] {
  const nodeName = new Map(dataset.jurisdictions.map((node) => [node.id, node.name]));
  const home = homeCityOf(dataset);
  const county =
    dataset.jurisdictions.find((node) => node.code === '130822') ?? dataset.jurisdictions.find((node) => node.level === 'county');
  const school = dataset.schools.find((s) => s.countyId === county?.id);
  const otherCity = dataset.jurisdictions.find((node) => node.level === 'city' && node.id !== home.id);
  const wanted = [
    'province.admin',
    'province.duty',
    'city.admin',
    'city.duty',
    ...(otherCity ? [`city.${otherCity.code}.admin`, `city.${otherCity.code}.duty`] : []),
    ...(county ? [`county.${county.code}`] : []),
    ...(school ? [`school.${school.code}`] : []),
  ];
  const byName = new Map(users.map((user) => [user.username, user]));
  return wanted.flatMap((username) => {
    const user = byName.get(username);
    return user ? [{ username, role: user.role, scope: nodeName.get(user.jurisdiction_id) ?? '' }] : [];
  });
}
