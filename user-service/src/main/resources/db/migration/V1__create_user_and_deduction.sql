CREATE TABLE user
(
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    username         VARCHAR(32)  NOT NULL,
    password_hash    VARCHAR(100) NOT NULL,
    balance          BIGINT       NOT NULL,
    pay_failures     INT          NOT NULL DEFAULT 0,
    pay_locked_until DATETIME(3)  NULL,
    create_time      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uk_user_username (username),
    -- The guarded UPDATE already keeps the balance from going negative; the database refuses it too.
    CONSTRAINT ck_user_balance CHECK (balance >= 0)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4;

-- One row per pay order: its unique key is what makes a deduction happen at most once.
-- No foreign key to user on purpose: it would take a shared lock on the user row at insert,
-- and two concurrent deductions would then deadlock on the balance update that follows.
CREATE TABLE deduction
(
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    pay_order_no VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    user_id      BIGINT      NOT NULL,
    amount       BIGINT      NOT NULL,
    status       VARCHAR(16) NOT NULL,
    create_time  DATETIME(3) NOT NULL,
    update_time  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_deduction_pay_order_no (pay_order_no),
    KEY idx_deduction_user_id (user_id)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4;
