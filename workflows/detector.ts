// PLACEHOLDER until H2b lands: the changepoint detector of one hour (`YYYY-MM-DDTHH`).
export async function detectorHourWorkflow(input: { hour: string }): Promise<{ hour: string; changepoints: number }> {
  return { hour: input.hour, changepoints: 0 };
}
