import { MEDIA_TYPES, negotiateMediaType, refuseBeforeApollo, requestErrorStatus, responseStatus } from '../../src/server/graphql-over-http';

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE = 'application/graphql-response+json; charset=utf-8';
const errorBody = (...codes: string[]) => JSON.stringify({ errors: codes.map((code) => ({ message: code, extensions: { code } })) });
const head = (over: Partial<Parameters<typeof refuseBeforeApollo>[0]>) => ({ method: 'POST', contentType: 'application/json', accept: undefined, search: '', maxTokens: 2000, ...over });

describe('negotiateMediaType', () => {
  it.each([
    [undefined, MEDIA_TYPES.json],
    ['', MEDIA_TYPES.json],
    ['*/*', MEDIA_TYPES.json],
    ['application/*', MEDIA_TYPES.json],
    ['application/json', MEDIA_TYPES.json],
    ['application/graphql-response+json', MEDIA_TYPES.graphqlResponse],
    ['application/graphql-response+json, application/json', MEDIA_TYPES.graphqlResponse],
    ['application/json, application/graphql-response+json', MEDIA_TYPES.json],
    ['application/json;q=0.9, application/graphql-response+json', MEDIA_TYPES.graphqlResponse],
    ['application/graphql-response+json;q=0.5, */*;q=0.8', MEDIA_TYPES.json],
    ['*/*, application/json;q=0', MEDIA_TYPES.graphqlResponse],
    ['text/html', null],
    ['application/json;q=0', null],
  ])('Accept %p negotiates %p', (accept, expected) => {
    expect(negotiateMediaType(accept)).toBe(expected);
  });
});

describe('responseStatus', () => {
  it.each([
    ['GRAPHQL_PARSE_FAILED'], ['GRAPHQL_VALIDATION_FAILED'], ['BAD_USER_INPUT'], ['OPERATION_RESOLUTION_FAILURE'],
    ['QUERY_TOO_COMPLEX'], ['QUERY_TOO_DEEP'], ['TOO_MANY_ALIASES'], ['TOO_MANY_TOKENS'], ['TOO_MANY_DIRECTIVES'], ['RESPONSE_TOO_LARGE'],
  ])('makes a %s request error 400 for graphql-response+json and 200 for json, whatever status it came with', (code) => {
    for (const status of [400, 500]) {
      expect(responseStatus({ status, contentType: GRAPHQL_RESPONSE, body: errorBody(code) })).toBe(400);
      expect(responseStatus({ status, contentType: JSON_TYPE, body: errorBody(code) })).toBe(200);
    }
  });

  it('keeps 429, BAD_REQUEST statuses and internal errors as they are', () => {
    for (const contentType of [GRAPHQL_RESPONSE, JSON_TYPE]) {
      expect(responseStatus({ status: 429, contentType, body: errorBody('RATE_LIMITED') })).toBe(429);
      expect(responseStatus({ status: 400, contentType, body: errorBody('BAD_REQUEST') })).toBe(400);
      expect(responseStatus({ status: 405, contentType, body: errorBody('BAD_REQUEST') })).toBe(405);
      expect(responseStatus({ status: 500, contentType, body: errorBody('INTERNAL_SERVER_ERROR') })).toBe(500);
      expect(responseStatus({ status: 400, contentType, body: errorBody('GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST') })).toBe(400);
    }
  });

  it('keeps the status of a response that executed (has data), and of bodies it cannot read', () => {
    const withData = JSON.stringify({ data: null, errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(responseStatus({ status: 400, contentType: JSON_TYPE, body: withData })).toBe(400);
    expect(responseStatus({ status: 200, contentType: GRAPHQL_RESPONSE, body: withData })).toBe(200);
    expect(responseStatus({ status: 400, contentType: JSON_TYPE, body: 'not json' })).toBe(400);
    expect(responseStatus({ status: 400, contentType: 'text/html', body: errorBody('GRAPHQL_PARSE_FAILED') })).toBe(400);
  });

  it('gives requestErrorStatus by content type', () => {
    expect([requestErrorStatus(JSON_TYPE), requestErrorStatus(GRAPHQL_RESPONSE), requestErrorStatus(undefined)]).toEqual([200, 400, 400]);
  });
});

describe('refuseBeforeApollo', () => {
  it('lets JSON POSTs and GET queries through', () => {
    expect(refuseBeforeApollo(head({}))).toBeNull();
    expect(refuseBeforeApollo(head({ contentType: 'application/json; charset=UTF-8' }))).toBeNull();
    expect(refuseBeforeApollo(head({ method: 'GET', contentType: undefined, search: '?query=%7B__typename%7D' }))).toBeNull();
    // Apollo reports these itself: no query, a repeated query, a syntax error, an ambiguous document.
    for (const search of ['', '?query=a&query=b', '?query=mutation%20%7B', `?query=${encodeURIComponent('query A { a } mutation B { b }')}`]) {
      expect(refuseBeforeApollo(head({ method: 'GET', search }))).toBeNull();
    }
  });

  it.each([[undefined], ['text/plain;charset=UTF-8'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['application/json; charset=latin1']])(
    'refuses a POST with Content-Type %p with 415',
    (contentType) => {
      const refused = refuseBeforeApollo(head({ contentType, accept: 'application/graphql-response+json' }))!;
      expect(refused.status).toBe(415);
      expect(refused.headers['content-type']).toBe(GRAPHQL_RESPONSE);
      expect(JSON.parse(refused.body).errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    },
  );

  it('refuses a GET mutation with 405 and Allow: POST, also when operationName picks it', () => {
    const refused = refuseBeforeApollo(head({ method: 'GET', search: `?query=${encodeURIComponent('mutation { x }')}` }))!;
    expect([refused.status, refused.headers.allow, refused.headers['content-type']]).toEqual([405, 'POST', JSON_TYPE]);
    const picked = refuseBeforeApollo(head({ method: 'GET', search: `?query=${encodeURIComponent('query A { a } mutation B { b }')}&operationName=B` }));
    expect(picked?.status).toBe(405);
  });

  it('refuses other methods with 405 and Allow: GET, POST', () => {
    const refused = refuseBeforeApollo(head({ method: 'DELETE' }))!;
    expect([refused.status, refused.headers.allow]).toEqual([405, 'GET, POST']);
  });
});
