// A version's stage as a small badge: words and an icon, never colour alone.
import type { ModelStage } from '../../../shared/api/methods/registry.js';
import { Icon } from '../../components/Icon.js';
import type { IconName } from '../../components/Icon.js';
import { useT } from '../../i18n/use-t.js';
import { STAGE_NAME } from './texts.js';

const ICON: Readonly<Record<ModelStage, IconName>> = {
  none: 'circle',
  staging: 'half',
  production: 'dot',
  archived: 'lock',
};

/** The stage badge. */
export function StageBadge({ stage }: { stage: ModelStage }) {
  const { t } = useT();
  return (
    <span className={`dp-stage dp-stage--${stage}`} data-stage={stage}>
      <Icon name={ICON[stage]} /> {t(STAGE_NAME[stage])}
    </span>
  );
}
