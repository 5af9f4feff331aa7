// The model's history: every registration, stage move, card edit, export and import, with who
// made it, when, and the reason they gave. Automatic archivings say which promotion caused them.
import { useEffect } from 'react';
import type { AuditEntry } from '../../../shared/api/methods/registry.js';
import { LoadError } from '../../components/LoadError.js';
import type { MlTranslator } from '../train/texts.js';
import { useMlT } from '../train/texts.js';
import { auditLine } from '../../stores/registry-logic.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { AUDIT_ACTION_NAME, STAGE_NAME } from './texts.js';

/** The history of the chosen model. */
export function AuditLog() {
  const tr = useMlT();
  const { t } = tr;
  const audit = useRegistryStore((s) => s.audit);
  const loadAudit = useRegistryStore((s) => s.loadAudit);

  useEffect(() => {
    if (audit.status === 'idle') void loadAudit();
  }, [audit.status, loadAudit]);

  if (audit.status === 'error' && audit.error) return <LoadError error={audit.error} onRetry={() => void loadAudit()} />;
  if (!audit.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="dp-audit">
      <p className="dp-muted">{t('deploy.audit.lead')}</p>
      <div className="dp-table-wrap">
        <table className="dp-table dp-audit__table">
          <caption className="visually-hidden">{t('deploy.tab.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deploy.audit.col.when')}</th>
              <th scope="col">{t('deploy.audit.col.who')}</th>
              <th scope="col">{t('deploy.audit.col.what')}</th>
              <th scope="col">{t('deploy.audit.col.why')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.map((entry) => (
              <tr key={entry.id} data-action={entry.action}>
                <td className="dp-cell-muted dp-nowrap">{tr.dateTime(entry.at)}</td>
                <td>{entry.author}</td>
                <td className="dp-cell-wrap">
                  <span className="dp-audit__action">{t(AUDIT_ACTION_NAME[entry.action])}</span> {describe(entry, tr)}
                </td>
                <td className="dp-cell-wrap dp-audit__why">{entry.comment || <span className="dp-muted">{t('deploy.audit.noReason')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {audit.data.length === 0 ? <p className="dp-muted">{t('deploy.audit.empty')}</p> : null}
    </div>
  );
}

function describe(entry: AuditEntry, tr: MlTranslator): string {
  const line = auditLine(entry);
  const params = { ...line.params };
  // Stage ids become their names in the reader's language.
  for (const key of ['from', 'to'] as const) {
    const value = params[key];
    if (typeof value === 'string' && value in STAGE_NAME) params[key] = tr.t(STAGE_NAME[value as keyof typeof STAGE_NAME]);
  }
  return tr.t(line.key, params);
}
