// Fields of an accepted submission that come straight from the measurement content.
import { isPlainObject } from './parse-json-object.ts';
import type { AcceptedSubmission, MeasurementContent } from './types.ts';

type EnvelopeFields = Pick<AcceptedSubmission, 'input' | 'measurementStartTime' | 'testStartTime' | 'softwareName' | 'softwareVersion' | 'platform'>;

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function envelopeFields(content: MeasurementContent): EnvelopeFields {
  const annotations = content['annotations'];
  const platform = isPlainObject(annotations) ? str(annotations['platform']) : null;
  return {
    input: str(content['input']),
    measurementStartTime: str(content['measurement_start_time']),
    testStartTime: str(content['test_start_time']),
    softwareName: str(content['software_name']),
    softwareVersion: str(content['software_version']),
    platform,
  };
}
