// One nettest of an OONI Run v2 link (ooni/spec backends/bk-005-ooni-run-v2.md §3), as stored per
// revision and as every answer shows it: all seven keys, absent optional ones as null.
export interface Nettest {
  test_name: string;
  inputs: string[] | null;
  inputs_extra: Record<string, unknown>[] | null;
  options: Record<string, unknown>;
  is_background_run_enabled_default: boolean;
  is_manual_run_enabled_default: boolean;
  targets_name: string | null;
}

/**
 * What is wrong with a nettest as a creator wrote it, or null: OONI's two cross-field rules.
 * inputs_extra pairs with inputs one to one; a targets_name asks the backend for the inputs, so the
 * creator gives none (not even an empty list).
 */
export function nettestProblem(nt: Nettest): string | null {
  if (nt.inputs_extra !== null && (nt.inputs === null || nt.inputs.length !== nt.inputs_extra.length)) {
    return 'When provided, inputs_extra should be the same length as inputs';
  }
  if (nt.targets_name !== null && (nt.inputs !== null || nt.inputs_extra !== null)) {
    return "When targets_name is provided, you can't provide inputs or inputs_extra";
  }
  return null;
}
