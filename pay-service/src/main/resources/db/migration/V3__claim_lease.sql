-- A payment attempt holds its pay order under a lease instead of a bare timestamp: a token that
-- names this attempt (so only it can mark the order paid or release it, and a recovery that takes
-- over an expired lease shuts it out) and the instant the lease ends. The lease is sized from the
-- deduction call's timeouts (ClaimLease): once it has ended, no deduction of this attempt can still
-- happen, so the recovery can settle it for good.
ALTER TABLE pay_order
  ADD COLUMN claim_token   VARCHAR(36) NULL AFTER status,
  ADD COLUMN claimed_until DATETIME(3) NULL AFTER claim_token;

-- Claims taken under the old scheme are settled by the recovery at once.
UPDATE pay_order SET claim_token = UUID(), claimed_until = paying_since WHERE paying_since IS NOT NULL;

ALTER TABLE pay_order
  DROP COLUMN paying_since,
  ADD KEY idx_pay_order_claimed_until (status, claimed_until);
