// What ONNX export covers for a version's pipeline, said plainly: everything (the bundle will hold
// model.onnx, which ONNX Runtime, Triton or KServe can run), or which steps have no ONNX form (the
// bundle then holds a note naming them, and Ciclo's own server still serves the model).
import { Icon } from '../../components/Icon.js';
import type { OnnxCoverage } from '../../stores/registry-logic.js';
import { useT } from '../../i18n/use-t.js';

/** The ONNX coverage note. */
export function OnnxNote({ coverage }: { coverage: OnnxCoverage }) {
  const { t } = useT();
  return (
    <section className="dp-onnx" aria-labelledby="dp-onnx-title" data-onnx={coverage.status}>
      <h3 className="dp-subhead" id="dp-onnx-title">
        {t('deploy.onnx.title')}
      </h3>
      {coverage.status === 'exportable' ? (
        <p className="notice dp-notice--good">
          <Icon name="check" className="notice__icon" />
          <span>{t('deploy.onnx.exportable')}</span>
        </p>
      ) : null}
      {coverage.status === 'unknown' ? <p className="dp-muted">{t('deploy.onnx.unknown')}</p> : null}
      {coverage.status === 'blocked' ? (
        <div className="notice notice--info">
          <Icon name="info" className="notice__icon" />
          <div>
            <p>{t('deploy.onnx.blocked')}</p>
            <ul className="dp-onnx__list">
              {coverage.blockers.map((b, i) => (
                <li key={i}>{t(b.key, b.params)}</li>
              ))}
            </ul>
            <p className="dp-small">{t('deploy.onnx.stillServed')}</p>
          </div>
        </div>
      ) : null}
      <p className="dp-muted dp-small">{t('deploy.onnx.what')}</p>
    </section>
  );
}
