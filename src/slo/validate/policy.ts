// What to do as the budget burns: policy levels (remaining below a fraction and/or a burn rate above a factor),
// ordered from least to most severe, and the alerting flags (docs/semantics.md sections 5 and 10).

import type { AlertingDocument, BurnRateConditionDocument, PolicyLevelDocument } from '../document';
import { formatPercent } from '../percent';
import {
  itemPath,
  joinPath,
  keysOf,
  readBoolean,
  type ReadContext,
  readDuration,
  readFields,
  readFraction,
  readList,
  readNumber,
  readString,
  report,
  requireField,
  type ValueNode,
} from '../read';
import type { AlertingSpec, PolicyLevel } from '../types';

const POLICY_FIELDS = keysOf<PolicyLevelDocument>({
  name: true,
  below: true,
  burnRate: true,
  actions: true,
  exceptions: true,
  blocksReleases: true,
});

/** A kind of change named by `exceptions` and `burndown gate --reason`: lower-case words joined by hyphens. */
export const EXCEPTION_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const BURN_RATE_FIELDS = keysOf<BurnRateConditionDocument>({ above: true, window: true });
const ALERTING_FIELDS = keysOf<AlertingDocument>({ page: true, ticket: true, runbook: true, minBadEvents: true });

/** Levels with unique names; among levels with `below`, values strictly decrease. */
export function validatePolicy(ctx: ReadContext, node: ValueNode, path: string): PolicyLevel[] | undefined {
  const items = readList(ctx, node, path, 'a list of policy levels');
  if (!items) {
    return undefined;
  }
  const before = ctx.errors.length;
  const names = new Map<string, string>();
  let previous: { below: number; path: string } | undefined;
  const levels = items.map((item, i): PolicyLevel | undefined => {
    const p = itemPath(path, i);
    const f = readFields(ctx, item, p, POLICY_FIELDS, 'a mapping with name, below or burnRate, and actions');
    if (!f) {
      return undefined;
    }
    const n = requireField(ctx, f, 'name', item, p);
    const name = n && readString(ctx, n.value, joinPath(p, 'name'), true);
    if (n && name !== undefined) {
      const first = names.get(name);
      if (first) {
        report(ctx, n.value.pos, joinPath(p, 'name'), `duplicate policy level name "${name}" (also ${first})`);
      }
      names.set(name, p);
    }
    if (!f.below && !f.burnRate) {
      report(ctx, item.pos, joinPath(p, 'below'), 'a policy level needs below (remaining budget) or burnRate, or both');
    }
    let below: number | undefined;
    if (f.below) {
      below = readFraction(ctx, f.below.value, joinPath(p, 'below'), {
        min: 0,
        max: 1,
        minOpen: false,
        maxOpen: false,
      });
      if (below !== undefined && previous && below >= previous.below) {
        report(
          ctx,
          f.below.value.pos,
          joinPath(p, 'below'),
          `levels go from least to most severe, so below must decrease: ${formatPercent(
            below
          )} is not below ${formatPercent(previous.below)} (${previous.path})`
        );
      }
      if (below !== undefined) {
        previous = { below, path: p };
      }
    }
    let burnRate: PolicyLevel['burnRate'];
    if (f.burnRate) {
      const bp = joinPath(p, 'burnRate');
      const bf = readFields(ctx, f.burnRate.value, bp, BURN_RATE_FIELDS, 'a mapping with above and window');
      if (bf) {
        const a = requireField(ctx, bf, 'above', f.burnRate.value, bp);
        const w = requireField(ctx, bf, 'window', f.burnRate.value, bp);
        const above = a && readNumber(ctx, a.value, joinPath(bp, 'above'));
        if (a && above !== undefined && above <= 0) {
          report(ctx, a.value.pos, joinPath(bp, 'above'), `must be greater than 0, got ${above}`);
        }
        const windowMs = w && readDuration(ctx, w.value, joinPath(bp, 'window'));
        burnRate = { above: above!, windowMs: windowMs! };
      }
    }
    let actions: string[] | undefined = [];
    if (f.actions) {
      const list = readList(ctx, f.actions.value, joinPath(p, 'actions'), 'a list of strings');
      actions = list?.map((a, k) => readString(ctx, a, `${p}.actions[${k}]`, true)!);
    }
    const exceptions = f.exceptions ? readExceptions(ctx, f.exceptions.value, joinPath(p, 'exceptions')) : undefined;
    const blocks = f.blocksReleases ? readBoolean(ctx, f.blocksReleases.value, joinPath(p, 'blocksReleases')) : true;
    if (blocks === false && f.exceptions) {
      // Exceptions let a change through a level that blocks: on a level that never blocks they would mislead.
      report(
        ctx,
        f.exceptions.value.pos,
        joinPath(p, 'exceptions'),
        'exceptions apply to a level that blocks releases; this level sets blocksReleases: false'
      );
    }
    const level: PolicyLevel = {
      name: name!,
      ...(below !== undefined ? { below } : {}),
      ...(burnRate ? { burnRate } : {}),
      actions: actions!,
      ...(exceptions && exceptions.length > 0 ? { exceptions } : {}),
      ...(blocks === false ? { blocksReleases: false as const } : {}),
    };
    return level;
  });
  return ctx.errors.length > before ? undefined : (levels as PolicyLevel[]);
}

/** `exceptions: [security-fix, sev1-remediation]`: a list of distinct slugs, each error at its own position. */
function readExceptions(ctx: ReadContext, node: ValueNode, path: string): string[] | undefined {
  const list = readList(ctx, node, path, 'a list of kinds of change such as security-fix');
  if (!list) {
    return undefined;
  }
  const seen = new Map<string, string>();
  const out: string[] = [];
  list.forEach((item, k) => {
    const p = `${path}[${k}]`;
    const slug = readString(ctx, item, p, true);
    if (slug === undefined) {
      return;
    }
    if (!EXCEPTION_SLUG.test(slug)) {
      report(
        ctx,
        item.pos,
        p,
        `"${slug}" is not a kind of change: use lower-case letters, digits and hyphens, e.g. security-fix`
      );
      return;
    }
    const first = seen.get(slug);
    if (first) {
      report(ctx, item.pos, p, `duplicate exception "${slug}" (also ${first})`);
      return;
    }
    seen.set(slug, p);
    out.push(slug);
  });
  return out;
}

/** `{page, ticket, runbook?, minBadEvents?}`; both flags default to false. */
export function validateAlerting(ctx: ReadContext, node: ValueNode, path: string): AlertingSpec | undefined {
  const f = readFields(ctx, node, path, ALERTING_FIELDS, 'a mapping with page, ticket and runbook');
  if (!f) {
    return undefined;
  }
  const page = f.page ? readBoolean(ctx, f.page.value, joinPath(path, 'page')) : false;
  const ticket = f.ticket ? readBoolean(ctx, f.ticket.value, joinPath(path, 'ticket')) : false;
  const runbook = f.runbook && readString(ctx, f.runbook.value, joinPath(path, 'runbook'), true);
  const minBadEvents = f.minBadEvents && readNumber(ctx, f.minBadEvents.value, joinPath(path, 'minBadEvents'));
  if (f.minBadEvents && minBadEvents !== undefined && !(Number.isInteger(minBadEvents) && minBadEvents >= 1)) {
    report(
      ctx,
      f.minBadEvents.value.pos,
      joinPath(path, 'minBadEvents'),
      `must be a whole number >= 1, got ${minBadEvents}`
    );
    return undefined;
  }
  if (
    page === undefined ||
    ticket === undefined ||
    (f.runbook && runbook === undefined) ||
    (f.minBadEvents && minBadEvents === undefined)
  ) {
    return undefined;
  }
  return {
    page,
    ticket,
    ...(runbook !== undefined ? { runbook } : {}),
    ...(minBadEvents !== undefined ? { minBadEvents } : {}),
  };
}
