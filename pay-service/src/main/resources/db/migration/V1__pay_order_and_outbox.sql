CREATE TABLE pay_order (
  id             BIGINT      NOT NULL AUTO_INCREMENT,
  pay_order_no   VARCHAR(32) NOT NULL,
  biz_order_no   BIGINT      NOT NULL,
  user_id        BIGINT      NOT NULL,
  amount         BIGINT      NOT NULL,
  status         VARCHAR(16) NOT NULL,
  -- Set while one request is paying this order, so concurrent requests do not race the deduction.
  paying_since   DATETIME(3) NULL,
  pay_mode       VARCHAR(8)  NULL,
  paid_at        DATETIME(3) NULL,
  created_at     DATETIME(3) NOT NULL,
  updated_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_pay_order_no (pay_order_no),
  UNIQUE KEY uk_biz_order_no (biz_order_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Written in the same transaction as the pay order's WAITING -> SUCCESS, so an event can be late
-- but never lost. The relay publishes unsent rows and stamps sent_at on a clean broker confirm.
CREATE TABLE outbox_event (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  event_id        VARCHAR(36)  NOT NULL,
  exchange_name   VARCHAR(64)  NOT NULL,
  routing_key     VARCHAR(64)  NOT NULL,
  payload         TEXT         NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3)  NOT NULL,
  last_error      VARCHAR(255) NULL,
  created_at      DATETIME(3)  NOT NULL,
  sent_at         DATETIME(3)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_event_id (event_id),
  KEY idx_unsent (sent_at, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
