// Step 6 of the lifecycle, "serve": put a registered model to work on this computer. Start the
// inference server (its own worker thread in the backend, so the window stays responsive under any
// load), see its address, a request to copy, what each row must carry and live counters; or
// predict a whole CSV file at once as a background job.
import { useEffect } from 'react';
import { LoadError } from '../../components/LoadError.js';
import { StepPrerequisite } from '../../components/StepPrerequisite.js';
import { useRegistryStore } from '../../stores/registry-store.js';
import { useServingStore } from '../../stores/serving-store.js';
import type { StepProps } from '../step-definition.js';
import { useMlT } from '../train/texts.js';
import { BatchCard } from './BatchCard.js';
import { RunningServer } from './RunningServer.js';
import { StartForm } from './StartForm.js';
import '../deploy/deploy.css';
import './serve.css';

/** The Serve step's screen. */
export function ServeStep(_props: StepProps) {
  const { t } = useMlT();
  const status = useServingStore((s) => s.status);
  const error = useServingStore((s) => s.error);
  const load = useServingStore((s) => s.load);
  const server = useServingStore((s) => s.server);
  const models = useRegistryStore((s) => s.models);

  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'error' && error) return <LoadError error={error} onRetry={() => void load()} />;
  if (status === 'idle' || status === 'loading' || !server) return <p className="muted">{t('common.loading')}</p>;
  const isUp = server.state === 'running' || server.state === 'starting' || server.state === 'stopping';
  if (models.length === 0 && !isUp) {
    return <StepPrerequisite title={t('serve.needModel.title')} body={t('serve.needModel.body')} step="deploy" actionLabel={t('serve.needModel.action')} />;
  }

  return (
    <div className="dp sv">
      {isUp ? <RunningServer /> : <StartForm />}
      <BatchCard />
    </div>
  );
}
