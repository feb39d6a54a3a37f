-- One row per payment told to the user. The unique key on pay_order_no is what makes the sync
-- call, the event and any redelivery produce a single notification between them.
CREATE TABLE IF NOT EXISTS notification (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  user_id      BIGINT       NOT NULL,
  biz_order_no BIGINT       NOT NULL,
  pay_order_no VARCHAR(64)  NOT NULL,
  channel      VARCHAR(16)  NOT NULL,
  content      VARCHAR(255) NOT NULL,
  created_at   DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_notification_pay_order_no (pay_order_no),
  KEY idx_notification_user_created (user_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
