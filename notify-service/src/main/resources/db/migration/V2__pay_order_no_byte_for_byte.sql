-- payOrderNo compares byte for byte: under utf8mb4_unicode_ci 'X', 'x' and 'X ' were one key, and
-- the second payment's notification was answered with the first one's. VARBINARY has no case
-- folding and no padding, on MySQL and MariaDB alike; 256 bytes hold any 64 characters.
ALTER TABLE notification MODIFY pay_order_no VARBINARY(256) NOT NULL;
