// Shown in place of a screen whose data could not be loaded, with a way to try again.
import type { ApiError } from '../../shared/errors.js';
import { useT } from '../i18n/use-t.js';
import { Icon } from './Icon.js';

/** A load failure with a retry button. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t, tError } = useT();
  return (
    <div className="notice notice--error" role="alert">
      <Icon name="alert" className="notice__icon" />
      <div>
        <p>{tError({ key: error.messageKey, params: error.params, fallback: error.message, code: error.code })}</p>
        <button type="button" className="btn btn--quiet" onClick={onRetry}>
          {t('app.retry')}
        </button>
      </div>
    </div>
  );
}
