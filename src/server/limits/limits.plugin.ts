import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../../graphql/context';
import { checkArgumentBounds } from './argument-bounds';
import type { BudgetRefusal, BudgetState, ClientBudgets } from './client-budget';
import type { HeavyLane } from './heavy-lane';
import { variableOf, type LimitsConfig } from './limits.config';
import { countTokens, estimateCost, MAX_EVALUATED_SELECTIONS, measureShape } from './operation-measure';

/** The codes a refused request carries in `extensions.code`. */
export const LIMIT_CODES = {
  cost: 'QUERY_TOO_COMPLEX',
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  tokens: 'TOO_MANY_TOKENS',
  directives: 'TOO_MANY_DIRECTIVES',
  rate: 'RATE_LIMITED',
  overloaded: 'OVERLOADED',
  timeout: 'TIMEOUT',
  response: 'RESPONSE_TOO_LARGE',
} as const;

const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:an|at) (\d+) tokens/;

/** A refusal before execution: 400 with the code, the limit and the actual figure. */
export function refusal(code: string, message: string, limit: number, actual: number, status = 400, headers?: HeaderMap): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, actual, http: { status, ...(headers ? { headers } : {}) } } });
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The limits, applied to every operation before any resolver runs (README, "Limits"):
 * argument bounds, depth, aliases, directives, the estimated cost, and the client's cost budget;
 * tokens are bounded by the parser itself (`parseOptions.maxTokens`, set beside this plugin).
 * A refused operation makes no store call. Every response carries `extensions.cost`; with
 * `X-KG-Cost-Only: 1` the estimate is the whole answer.
 */
export function limitsPlugin(limits: LimitsConfig, budgets: ClientBudgets | null, lane: HeavyLane | null = null): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue, operationName }) {
          checkArgumentBounds(schema, document, operationName ?? undefined, request.variables ?? {});
          const shape = measureShape(schema, document);
          if (shape.depth > limits.maxDepth) {
            throw refusal(LIMIT_CODES.depth, `the operation is ${shape.depth} levels deep, over the limit of ${limits.maxDepth} (${variableOf('maxDepth')}); select fewer nested levels`, limits.maxDepth, shape.depth);
          }
          if (shape.aliases > limits.maxAliases) {
            throw refusal(LIMIT_CODES.aliases, `the document has ${shape.aliases} aliases, over the limit of ${limits.maxAliases} (${variableOf('maxAliases')}); send fewer aliased fields, or several requests`, limits.maxAliases, shape.aliases);
          }
          if (shape.directives > limits.maxDirectives) {
            throw refusal(LIMIT_CODES.directives, `the document has ${shape.directives} directives, over the limit of ${limits.maxDirectives} (${variableOf('maxDirectives')})`, limits.maxDirectives, shape.directives);
          }
          let estimated: number;
          try {
            estimated = estimateCost(schema, document, operationName, request.variables);
          } catch (err) {
            if (err instanceof GraphQLError && /maximum allowed number of nodes/.test(err.message)) {
              throw refusal(LIMIT_CODES.cost, `the operation expands to more than ${fmt(MAX_EVALUATED_SELECTIONS)} selections once its fragments are spread; it cannot be priced`, limits.maxCost, Number.MAX_SAFE_INTEGER);
            }
            // Variables that do not coerce: execution refuses them with its own request error,
            // before any resolver runs.
            if (err instanceof GraphQLError) return;
            throw err;
          }
          contextValue.report.cost = { estimated, limit: limits.maxCost };
          if (contextValue.client.costOnly) return;
          if (estimated > limits.maxCost) {
            throw refusal(LIMIT_CODES.cost, `the operation's estimated cost is ${fmt(estimated)}, over the limit of ${fmt(limits.maxCost)} (${variableOf('maxCost')}); ask for fewer items (smaller first or limit) or fewer nested lists. README, "Limits", shows how cost is computed`, limits.maxCost, estimated);
          }
          const state = budgets ? await budgets.spend(contextValue.client.identity, estimated) : null;
          if (state && isRefusal(state)) {
            const seconds = Math.max(1, Math.ceil(state.retryAfterMs / 1000));
            const headers = new HeaderMap([['retry-after', String(seconds)]]);
            const who = contextValue.client.identity.kind === 'anonymous' ? 'this client (address)' : contextValue.client.identity.name;
            throw refusal(LIMIT_CODES.rate, `${who} has spent its budget of ${fmt(state.limit)} cost points per minute (${state.variable}); retry in ${seconds} s`, state.limit, estimated, 429, headers);
          }
          if (state) {
            contextValue.report.cost = { estimated, limit: limits.maxCost, budget: { limit: state.limit, remaining: state.remaining, resetMs: state.resetMs } };
          }
          if (lane && estimated >= limits.heavyCost) {
            const turn = await lane.acquire(contextValue.client.identity.budgetKey, contextValue.deadline);
            if (typeof turn === 'function') {
              contextValue.report.endTurn = turn;
            } else if (turn.refused === 'queue-full') {
              const headers = new HeaderMap([['retry-after', '1']]);
              throw refusal(LIMIT_CODES.overloaded, `the server already has ${fmt(turn.waiting)} heavy operations (estimated cost ≥ ${fmt(limits.heavyCost)}) waiting (${variableOf('maxHeavyQueued')}); retry in 1 s, or ask for less`, limits.maxHeavyQueued, turn.waiting + 1, 503, headers);
            } else {
              throw refusal(LIMIT_CODES.timeout, `the operation waited ${fmt(turn.waitedMs)} ms for a turn among heavy operations (estimated cost ≥ ${fmt(limits.heavyCost)}) and reached its deadline (${variableOf('queryTimeoutMs')}); nothing was read. Retry later, or ask for less`, limits.queryTimeoutMs, turn.waitedMs, 503, new HeaderMap([['retry-after', '1']]));
            }
          }
        },

        async responseForOperation({ contextValue }) {
          if (!contextValue.client.costOnly) return null;
          return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: {} } };
        },

        async willSendResponse(ctx) {
          ctx.contextValue.report.endTurn?.();
          finishResponse(ctx, limits);
          noteOutcome(ctx);
        },
      };
    },
  };
}

/** Notes the operation's name and the code of its first error (or `ok`) for the metrics. */
function noteOutcome(ctx: GraphQLRequestContextWillSendResponse<RequestContext>): void {
  const { response, contextValue } = ctx;
  if (!contextValue) return;
  const name = ctx.operationName ?? ctx.request.operationName;
  if (name) contextValue.report.operation = name;
  if (response.body.kind !== 'single') return;
  const first = response.body.singleResult.errors?.[0];
  contextValue.report.outcome = first ? String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'ok';
}

/** Names token-limit parse errors, collapses a too-large response to its one error, adds the cost. */
function finishResponse(ctx: GraphQLRequestContextWillSendResponse<RequestContext>, limits: LimitsConfig): void {
  const { response, contextValue } = ctx;
  if (response.body.kind !== 'single') return;
  const result = response.body.singleResult;
  const errors = result.errors as GraphQLFormattedError[] | undefined;
  if (errors?.length) {
    const tokens = errors.find((e) => TOKEN_LIMIT_MESSAGE.test(e.message));
    if (tokens) {
      const actual = countTokens(ctx.request.query ?? '', limits.maxBodyBytes);
      response.body.singleResult = {
        errors: [{
          message: `the document has ${actual >= limits.maxBodyBytes ? 'more than ' : ''}${fmt(actual)} tokens, over the limit of ${fmt(limits.maxTokens)} (${variableOf('maxTokens')})`,
          extensions: { code: LIMIT_CODES.tokens, limit: limits.maxTokens, actual },
        }],
      };
      response.http.status = 400;
      return;
    }
    const tooLarge = errors.find((e) => e.extensions?.code === LIMIT_CODES.response);
    if (tooLarge) {
      // The response is dropped whole: a part of it would be a silent cut.
      response.body.singleResult = { errors: [tooLarge], extensions: result.extensions };
      response.http.status = 400;
    }
  }
  if (contextValue?.report.cost) {
    response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: contextValue.report.cost };
  }
}

function isRefusal(state: BudgetState | BudgetRefusal): state is BudgetRefusal {
  return 'refused' in state;
}
