// The OONI Run v2 paths of /openapi.json, built from the zod schemas the routes parse with.
import { z } from 'zod';
import { linkBodySchema, listLinksQuery, REVISION_PATTERN, runMetaSchema } from './schemas.ts';

type ErrorResponse = Record<string, unknown>;

const json = (schema: z.ZodType) => {
  const { $schema: _, ...doc } = z.toJSONSchema(schema, { io: 'input' });
  return doc;
};

const idParam = { name: 'oonirun_link_id', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d+$' } };
const revisionParam = { name: 'revision', in: 'path', required: true, schema: { type: 'string', pattern: REVISION_PATTERN.source } };
const bearer = [{ bearer: [] }];

function queryParameters(schema: z.ZodObject) {
  const doc = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> };
  return Object.entries(doc.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

/** `errors`: the shared 4XX response (the {error, message} body of docs/errors.md). */
export function oonirunPaths(errors: ErrorResponse) {
  const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
  const answers = (limited: boolean) => ({
    '200': { description: 'OK' },
    '4XX': errors,
    ...(limited ? { '429': { description: 'Rate limited; see Retry-After' } } : {}),
  });
  return {
    '/api/v2/oonirun/links': {
      get: { summary: 'List OONI Run links', parameters: queryParameters(listLinksQuery), responses: answers(true) },
      post: {
        summary: 'Create an OONI Run link (role user or admin)',
        security: bearer,
        requestBody: body(linkBodySchema),
        responses: answers(true),
      },
    },
    '/api/v2/oonirun/links/{oonirun_link_id}': {
      get: { summary: 'An OONI Run link at its latest revision', parameters: [idParam], responses: answers(true) },
      put: {
        summary: 'Edit an OONI Run link (its creator or an admin); a new revision when the nettests change',
        security: bearer,
        parameters: [idParam],
        requestBody: body(linkBodySchema),
        responses: answers(true),
      },
    },
    '/api/v2/oonirun/links/{oonirun_link_id}/revisions': {
      get: { summary: 'Revision numbers of an OONI Run link, newest first', parameters: [idParam], responses: answers(true) },
    },
    '/api/v2/oonirun/links/{oonirun_link_id}/full-descriptor/{revision}': {
      get: { summary: 'An OONI Run link at one revision (or latest)', parameters: [idParam, revisionParam], responses: answers(true) },
    },
    '/api/v2/oonirun/links/{oonirun_link_id}/engine-descriptor/{revision}': {
      post: {
        summary: "The nettests a probe runs, dynamic targets filled for the probe's country, network and run type",
        parameters: [
          idParam,
          revisionParam,
          { name: 'UserAgent', in: 'header', required: false, schema: { type: 'string', pattern: '^[^,]+(,[^,]+){5}$' } },
        ],
        requestBody: body(runMetaSchema),
        responses: answers(false),
      },
    },
  };
}
