// Response headers shared by the query routes.

export const cacheFor = (seconds: number) => ({ 'Cache-Control': `max-age=${seconds}` });
