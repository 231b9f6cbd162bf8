// Budget as time (docs/semantics.md section 4): allowance = (1 - target) x W, the full outage the whole window's budget
// absorbs; remaining as time = remaining x allowance (negative when overspent). W is the length of the window at t.

export interface BudgetAsTime {
  /** (1 - target) x W: minutes of full outage the window's budget allows. */
  allowanceMs: number;
  /** remaining x allowance: the full outage still allowed; null without data. */
  remainingMs: number | null;
}

export function budgetAsTime(target: number, windowMs: number, remaining: number | null): BudgetAsTime {
  const allowanceMs = (1 - target) * windowMs;
  return { allowanceMs, remainingMs: remaining === null ? null : remaining * allowanceMs };
}
