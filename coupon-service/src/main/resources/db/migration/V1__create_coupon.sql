-- One row per payment that earned a coupon. The unique key on pay_order_no sits on the same row as
-- the coupon: one INSERT both issues it and makes every repeat (redelivery, duplicate event) a
-- duplicate key. VARBINARY compares byte for byte, as every payOrderNo in the suite does.
CREATE TABLE IF NOT EXISTS coupon (
  id           BIGINT         NOT NULL AUTO_INCREMENT,
  user_id      BIGINT         NOT NULL,
  pay_order_no VARBINARY(256) NOT NULL,
  amount_off   BIGINT         NOT NULL,
  created_at   DATETIME(3)    NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_coupon_pay_order_no (pay_order_no),
  KEY idx_coupon_user_created (user_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
