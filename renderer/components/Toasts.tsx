// Notifications for errors that have no field to sit next to. They stay until dismissed
// (errors must not vanish before they are read) and are announced to screen readers.
import { useT } from '../i18n/use-t.js';
import { useUiStore } from '../stores/ui-store.js';
import { Icon } from './Icon.js';

/** The toast area. */
export function Toasts() {
  const { t, tError } = useT();
  const toasts = useUiStore((s) => s.toasts);
  const dismiss = useUiStore((s) => s.dismissToast);
  return (
    <section className="toasts" aria-label={t('toast.region')} aria-live="assertive">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <Icon name={toast.kind === 'error' ? 'alert' : 'info'} className="toast__icon" />
          <div className="toast__text">
            <p className="toast__title">{t(toast.titleKey)}</p>
            {toast.messageKey ? <p className="toast__message">{tError({ key: toast.messageKey, params: toast.params, fallback: toast.fallback, code: toast.code })}</p> : null}
          </div>
          <button type="button" className="icon-btn" onClick={() => dismiss(toast.id)} aria-label={t('common.dismiss')}>
            <Icon name="close" />
          </button>
        </div>
      ))}
    </section>
  );
}
