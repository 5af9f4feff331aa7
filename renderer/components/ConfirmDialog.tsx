// A confirmation built on the native <dialog>: modal, focus kept inside, Escape cancels.
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t.js';

/** Dialog props. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isDanger?: boolean;
  isBusy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before doing something that cannot be undone. Mounted = open. */
export function ConfirmDialog({ title, children, confirmLabel, isDanger, isBusy, onConfirm, onCancel }: ConfirmDialogProps) {
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
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title" className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__actions">
        {/* Cancel comes first and takes focus: the safe choice is the default one. */}
        <button type="button" className="btn btn--quiet" onClick={onCancel} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className={isDanger ? 'btn btn--danger' : 'btn btn--primary'} onClick={onConfirm} disabled={isBusy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
