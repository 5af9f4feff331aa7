// A button that copies a text (a command, a URL) and says so for a moment. Uses the Clipboard API
// where the page may (Electron, 127.0.0.1 in a browser) and falls back to a hidden selection.
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/use-t.js';
import { Icon } from './Icon.js';

/** CopyButton props. */
export interface CopyButtonProps {
  text: string;
  /** The button's words ("Copy the command"); "Copy" by default. */
  label?: string;
  className?: string;
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused or no focus: the selection fallback below still works in most windows.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** Copies `text` on click; the label turns into "Copied" (or "Select and copy by hand") for two seconds. */
export function CopyButton({ text, label, className }: CopyButtonProps) {
  const { t } = useT();
  const [outcome, setOutcome] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  async function onClick() {
    const ok = await copyText(text);
    setOutcome(ok ? 'copied' : 'failed');
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setOutcome('idle'), 2000);
  }

  return (
    <button type="button" className={className ?? 'btn btn--quiet btn--small'} onClick={() => void onClick()}>
      {outcome === 'copied' ? <Icon name="check" /> : null}
      <span aria-live="polite">{outcome === 'copied' ? t('common.copied') : outcome === 'failed' ? t('common.copyFailed') : (label ?? t('common.copy'))}</span>
    </button>
  );
}
