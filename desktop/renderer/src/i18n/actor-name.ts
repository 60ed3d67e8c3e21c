// The name shown for whoever acted on a record: a person by their name, the system and its service accounts by
// what they do (系统（流程）, not "workflow"). The one place the renderer turns an actor into words.
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';

export interface ActorRef {
  readonly kind: string;
  readonly name: string | null;
}

/** A system name as an i18n key: i18next reads ':' as a namespace and '.' as nesting ('cli:token' → cli_token). */
const keyOf = (name: string) => `common:actors.systems.${name.replace(/[^A-Za-z0-9-]/g, '_')}`;

export function actorName(i18n: Pick<I18n, 't' | 'exists'>, actor: ActorRef): string {
  const known = actor.name !== null && i18n.exists(keyOf(actor.name)) ? i18n.t(keyOf(actor.name)) : undefined;
  switch (actor.kind) {
    case 'user':
      return actor.name ?? i18n.t('common:actors.system');
    case 'service':
      return known ?? i18n.t('common:actors.service', { name: actor.name ?? '' });
    case 'public':
      return i18n.t('common:actors.public');
    default:
      return known ?? i18n.t('common:actors.system');
  }
}

/** actorName in the screen's language, re-rendered when it changes. */
export function useActorName(): (actor: ActorRef) => string {
  const { i18n } = useTranslation('common');
  return (actor) => actorName(i18n, actor);
}
