-- "order" is a reserved word in SQL, hence trade_order.
CREATE TABLE trade_order
(
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    user_id      BIGINT      NOT NULL,
    amount       BIGINT      NOT NULL,
    status       VARCHAR(16) NOT NULL,
    -- The pay order that paid this order, when the payment arrived as an event.
    pay_order_no VARCHAR(64) NULL,
    create_time  DATETIME(3) NOT NULL,
    pay_time     DATETIME(3) NULL,
    PRIMARY KEY (id),
    KEY idx_trade_order_user_id (user_id)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4;
