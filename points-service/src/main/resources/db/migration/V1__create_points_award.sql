-- One row per paid pay order, even when it earns 0 points, so the pay order is marked handled.
-- The unique key on pay_order_no sits on the same row as the points: one INSERT both awards them
-- and makes every repeat (sync call, event, redelivery) a duplicate key.
CREATE TABLE IF NOT EXISTS points_award (
  id           BIGINT      NOT NULL AUTO_INCREMENT,
  user_id      BIGINT      NOT NULL,
  biz_order_no BIGINT      NOT NULL,
  pay_order_no VARCHAR(64) NOT NULL,
  amount       BIGINT      NOT NULL,
  points       BIGINT      NOT NULL,
  created_at   DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_points_award_pay_order_no (pay_order_no),
  KEY idx_points_award_user_created (user_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
