// The policy as a table: role × relation of the target node → allowed, forbidden or not found.
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../errors';
import { PUBLIC, type Actor, type ScopeNode, type UserRole } from './actor';
import { authorize, type Action } from './policy';

const node = (code: string, level: ScopeNode['level'], path: string): ScopeNode => ({ id: code, code, level, name: code, path });
const CITY = node('130800', 'city', '/130000/130800/');
const XINGLONG = node('130822', 'county', '/130000/130800/130822/');
const LUANPING = node('130824', 'county', '/130000/130800/130824/');
const XL_SCHOOL = node('1308220001', 'school', '/130000/130800/130822/1308220001/');
const XL_OTHER_SCHOOL = node('1308220002', 'school', '/130000/130800/130822/1308220002/');
const LP_SCHOOL = node('1308240001', 'school', '/130000/130800/130824/1308240001/');

const user = (role: UserRole, at: ScopeNode): Actor => ({
  kind: 'user',
  id: `${role}-${at.code}`,
  username: role,
  displayName: role,
  role,
  node: at,
  sessionId: 's',
});

function outcome(actor: Actor, action: Action, target: ScopeNode | null): string {
  try {
    authorize(actor, action, target);
    return 'ok';
  } catch (error) {
    return (error as DomainError).kind;
  }
}

describe('policy: who may do what on which node', () => {
  const actors: Record<string, Actor> = {
    'city admin': user('city_admin', CITY),
    'city operator': user('city_operator', CITY),
    'county operator 兴隆': user('county_operator', XINGLONG),
    'school manager 兴隆 school': user('school_manager', XL_SCHOOL),
    relay: { kind: 'service', id: 'r', name: 'relay-1', service: 'relay', node: CITY },
    analytics: { kind: 'service', id: 'a', name: 'analytics-1', service: 'analytics', node: CITY },
    public: PUBLIC,
  };

  const table: Array<[string, Action, ScopeNode, string]> = [
    ['city admin', 'school.read', LP_SCHOOL, 'ok'],
    ['city admin', 'camera.update', XL_SCHOOL, 'ok'],
    ['city operator', 'school.read', LP_SCHOOL, 'ok'],
    ['city operator', 'camera.update', XL_SCHOOL, 'forbidden'],
    ['county operator 兴隆', 'school.read', XL_SCHOOL, 'ok'],
    ['county operator 兴隆', 'school.update', XL_SCHOOL, 'ok'],
    ['county operator 兴隆', 'school.read', LP_SCHOOL, 'not_found'],
    ['county operator 兴隆', 'school.update', LP_SCHOOL, 'not_found'],
    ['county operator 兴隆', 'jurisdiction.read', LUANPING, 'not_found'],
    ['county operator 兴隆', 'school.read', CITY, 'not_found'],
    ['county operator 兴隆', 'camera.update', XL_SCHOOL, 'forbidden'],
    ['school manager 兴隆 school', 'school.read', XL_SCHOOL, 'ok'],
    ['school manager 兴隆 school', 'school.read', XL_OTHER_SCHOOL, 'not_found'],
    ['school manager 兴隆 school', 'school.read', XINGLONG, 'not_found'],
    ['school manager 兴隆 school', 'camera.read', LP_SCHOOL, 'not_found'],
    ['relay', 'camera.read', LP_SCHOOL, 'ok'],
    ['relay', 'camera.report', LP_SCHOOL, 'ok'],
    ['analytics', 'camera.report', LP_SCHOOL, 'forbidden'],
    ['school manager 兴隆 school', 'camera.view', XL_SCHOOL, 'ok'],
    ['school manager 兴隆 school', 'camera.view', LP_SCHOOL, 'not_found'],
    ['county operator 兴隆', 'camera.view', LP_SCHOOL, 'not_found'],
    ['public', 'camera.view', XL_SCHOOL, 'unauthenticated'],
    ['city operator', 'relay.heartbeat', XL_SCHOOL, 'forbidden'],
    ['relay', 'school.update', LP_SCHOOL, 'forbidden'],
    ['relay', 'session.read', CITY, 'forbidden'],
    ['public', 'school.read', XL_SCHOOL, 'unauthenticated'],
    ['public', 'camera.read', XL_SCHOOL, 'unauthenticated'],
    ['public', 'public.read', XL_SCHOOL, 'ok'],
  ];

  it.each(table)('%s → %s on %s: %s', (who, action, target, expected) => {
    expect(outcome(actors[who]!, action, target)).toBe(expected);
  });

  it('answers not found, not forbidden, for a missing record', () => {
    expect(outcome(actors['city admin']!, 'school.read', null)).toBe('not_found');
  });

  it('does not let a sibling path with a shared prefix through', () => {
    const lookalike = node('13082', 'county', '/130000/130800/13082/');
    const inside = node('1308229', 'school', '/130000/130800/13082/1308229/');
    expect(outcome(user('county_operator', lookalike), 'school.read', XL_SCHOOL)).toBe('not_found');
    expect(outcome(user('county_operator', lookalike), 'school.read', inside)).toBe('ok');
  });
});
