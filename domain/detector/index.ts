// The changepoint detector (ooni-data.md §7): CUSUM steps, series replay, hourly series, watchlist.
export * from './cusum.ts';
export * from './hourly-series.ts';
export * from './parameters.ts';
export * from './series.ts';
export * from './watchlist.ts';
