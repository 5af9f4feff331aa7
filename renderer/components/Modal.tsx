// A modal dialog for forms (the import wizard, a remedy's settings) on the native <dialog>:
// focus stays inside, Escape closes unless the dialog is busy, the title labels it. The body
// scrolls on its own so the actions stay visible on small windows. Mounted = open.
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t.js';
import { Icon } from './Icon.js';
import './components.css';

/** Modal props. */
export interface ModalProps {
  /** Unique id prefix (the title's id is `<id>-title`). */
  id: string;
  title: string;
  /** A short line under the title. */
  subtitle?: ReactNode;
  size?: 'medium' | 'large';
  /** While busy, Escape and the close button do nothing (a job is starting). */
  isBusy?: boolean;
  onClose: () => void;
  children: ReactNode;
  /** The buttons at the foot. */
  actions?: ReactNode;
}

/** A modal dialog. */
export function Modal({ id, title, subtitle, size = 'medium', isBusy, onClose, children, actions }: ModalProps) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      id={id}
      className={`modal modal--${size}`}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        if (!isBusy) onClose();
      }}
    >
      <header className="modal__head">
        <div className="modal__titles">
          <h2 id={`${id}-title`} className="modal__title">
            {title}
          </h2>
          {subtitle ? <p className="modal__subtitle">{subtitle}</p> : null}
        </div>
        <button type="button" className="icon-btn" onClick={onClose} disabled={isBusy} aria-label={t('common.close')}>
          <Icon name="close" />
        </button>
      </header>
      <div className="modal__body">{children}</div>
      {actions ? <footer className="modal__actions">{actions}</footer> : null}
    </dialog>
  );
}
