// Dynamic targets of OONI Run nettests: a `targets_name` the backend turns into inputs when a probe
// asks for the engine descriptor. OONI knows one, the prioritised websites list, whose length
// depends on how the probe runs: manual runs get everything, background runs on a charger 100,
// other background runs 20.

const WEBSITES_LIST_PRIORITIZED = 'websites_list_prioritized';

export interface RunConditions {
  run_type: 'timed' | 'manual';
  is_charging: boolean;
}

export function prioritisedUrlLimit(run: RunConditions): number {
  if (run.run_type === 'manual') return 9999;
  return run.is_charging ? 100 : 20;
}

export const isKnownTargetsName = (name: string): boolean => name === WEBSITES_LIST_PRIORITIZED;
